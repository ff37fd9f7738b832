using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatOpsBot.Core.Commands;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Tests.Reliability.Support;
using ChatOpsBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsBot.Tests.Reliability;

/// <summary>
/// Redis frozen (SIGSTOP until a command has run into the client's 5 s timeout) or stopped under a burst of commands: every
/// acknowledged command is on the timeline once, no answer claims "nothing was changed" for a command that was
/// recorded, retrying the ones whose outcome was unknown records each once, and the host recovers on its own.
/// </summary>
public sealed class RedisOutageTests : IAsyncLifetime, IDisposable
{
    private const int Writers = 4;

    private OwnRedisServer? _redis;
    private BotFactory? _bot;

    private HttpClient Http => _bot!.CreateClient();

    public async Task InitializeAsync()
    {
        _redis = await OwnRedisServer.StartAsync();
        _bot = new BotFactory(BotFactory.Redis(_redis.ConnectionString, RedisServerFixture.NewKeyPrefix()));
        var declared = await new ConsoleApiClient(Http).SayExpectingOneReplyAsync("alice", "general", "/incident declare sev1 Checkout down");
        Assert.StartsWith("Declared INC-1", declared, StringComparison.Ordinal);
    }

    public void Dispose() => _bot?.Dispose();

    public async Task DisposeAsync()
    {
        Dispose();
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }

    [Fact]
    public async Task AFrozenRedisUnderLoadLosesNoAcknowledgedNoteAndRecordsNoneTwice()
    {
        var answers = await UnderLoadAsync(async answers =>
        {
            await _redis!.FreezeAsync();
            // An append in flight when Redis stops answers "may have been recorded"; a command that first had to read
            // (the feed noticed the stall and the cache is no longer trusted) answers 503. Which comes first is a race
            // of the freeze with the load, so either counts as having run into the frozen store.
            await CountedAsync(answers, a => a.Outcome is Outcome.Unknown or Outcome.Unavailable, 1, "a command to time out on the frozen Redis",
                TimeSpan.FromSeconds(30));
            await _redis.ThawAsync();
        });

        await AssertTruthfulAsync(answers);
        Assert.Contains(answers, a => a.Outcome is Outcome.Unknown or Outcome.Unavailable);
    }

    [Fact]
    public async Task AStoppedRedisIsA503OrAnHonestAnswerAndTheHostRecoversWhenItReturns()
    {
        var answers = await UnderLoadAsync(async _ =>
        {
            await _redis!.StopAsync();
            await Eventually.Get(async () => (await Http.GetAsync("/readyz")).StatusCode, s => s == HttpStatusCode.ServiceUnavailable, "/readyz to fail");
            await _redis.StartAgainAsync();
            await Eventually.Get(async () => (await Http.GetAsync("/readyz")).StatusCode, s => s == HttpStatusCode.OK, "/readyz to recover",
                TimeSpan.FromSeconds(10));
        });

        await AssertTruthfulAsync(answers);
        Assert.Contains(answers, a => a.Outcome is Outcome.Unavailable or Outcome.Unknown);
    }

    private async Task<List<Answer>> UnderLoadAsync(Func<ConcurrentBag<Answer>, Task> outage)
    {
        var answers = new ConcurrentBag<Answer>();
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var http = Http;
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                answers.Add(await NoteAsync(http, $"w{w}-{n}", $"req-w{w}-{n}"));
            }
        })).ToList();

        // The outage starts under load (notes being recorded) and the load goes on until notes are recorded again.
        await CountedAsync(answers, a => a.Outcome == Outcome.Recorded, Writers, "notes recorded before the outage");
        await outage(answers);
        var recordedBefore = answers.Count(a => a.Outcome == Outcome.Recorded);
        await CountedAsync(answers, a => a.Outcome == Outcome.Recorded, recordedBefore + Writers, "notes recorded after the outage");
        await stop.CancelAsync();
        await Task.WhenAll(writers);
        return [.. answers];
    }

    private static Task<int> CountedAsync(ConcurrentBag<Answer> answers, Func<Answer, bool> which, int count, string what, TimeSpan? timeout = null) =>
        Eventually.Get(() => Task.FromResult(answers.Count(which)), n => n >= count, what, timeout);

    private static async Task<Answer> NoteAsync(HttpClient http, string text, string requestId)
    {
        using var response = await http.PostAsJsonAsync("/api/console/messages",
            new { user = "alice", channel = "general", text = $"/incident INC-1 note {text}", requestId });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode < 500 || response.StatusCode == HttpStatusCode.ServiceUnavailable, $"HTTP {(int)response.StatusCode}: {body}");
        if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            Assert.True(response.Headers.RetryAfter is not null, "a 503 says when to retry");
            Assert.Contains("incident store", body, StringComparison.Ordinal);
            return new Answer(text, requestId, Outcome.Unavailable, body);
        }

        var reply = JsonDocument.Parse(body).RootElement.GetProperty("replies")[0].GetProperty("text").GetString()!;
        return new Answer(text, requestId, reply switch
        {
            "Noted on the INC-1 timeline." => Outcome.Recorded,
            _ when reply.Contains(CommandHandler.OutcomeUnknownRetrySafe, StringComparison.OrdinalIgnoreCase) => Outcome.Unknown,
            _ => Outcome.Other,
        }, reply);
    }

    private async Task AssertTruthfulAsync(List<Answer> answers)
    {
        var timeline = await ReadTimelineEventuallyAsync();
        var notes = timeline.OfType<NoteAdded>().GroupBy(n => n.Text).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(answers, a =>
        {
            var count = notes.GetValueOrDefault(a.Text);
            Assert.True(count <= 1, $"{a.Text} is on the timeline {count} times");
            Assert.True(a.Outcome != Outcome.Recorded || count == 1, $"{a.Text} was acknowledged but is not on the timeline");
            Assert.True(a.Outcome != Outcome.Other, $"{a.Text} got an unexpected answer: {a.Reply}");
            Assert.True(count == 0 || !a.Reply.Contains("nothing was changed", StringComparison.OrdinalIgnoreCase), $"{a.Text} was recorded but the answer said nothing was changed");
        });

        // Retrying every command whose outcome the person was not sure of is safe: each ends up on the timeline once.
        var http = Http;
        foreach (var unsure in answers.Where(a => a.Outcome is Outcome.Unknown or Outcome.Unavailable))
        {
            Assert.Equal(Outcome.Recorded, (await NoteAsync(http, unsure.Text, unsure.RequestId)).Outcome);
        }

        var after = (await ReadTimelineEventuallyAsync()).OfType<NoteAdded>().GroupBy(n => n.Text).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(answers, a => Assert.Equal(1, after.GetValueOrDefault(a.Text)));
    }

    private Task<IReadOnlyList<IncidentEvent>> ReadTimelineEventuallyAsync() =>
        Eventually.Get(async () =>
        {
            try
            {
                return await _bot!.Services.GetRequiredService<IIncidentStore>().ReadAsync(1, 0, CancellationToken.None);
            }
            catch (Exception)
            {
                return (IReadOnlyList<IncidentEvent>)[];
            }
        }, t => t.Count > 0, "the timeline to be readable again");

    private enum Outcome
    {
        Recorded,
        Unknown,
        Unavailable,
        Other,
    }

    private sealed record Answer(string Text, string RequestId, Outcome Outcome, string Reply);
}
