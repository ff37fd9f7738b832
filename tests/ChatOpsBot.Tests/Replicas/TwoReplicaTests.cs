using System.Text.Json;
using ChatOpsBot.Testing;
using ChatOpsBot.Tests.Support;

namespace ChatOpsBot.Tests.Replicas;

/// <summary>Two bot processes behind one real Redis, driven alternately, as a Deployment with two replicas is.</summary>
[Collection(RedisCollection.Name)]
public sealed class TwoReplicaTests(RedisServerFixture redis) : IAsyncLifetime
{
    private HostProcess _a = null!;
    private HostProcess _b = null!;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string>
        {
            ["Storage:Provider"] = "Redis",
            ["Redis:ConnectionString"] = redis.ConnectionString,
            ["Redis:KeyPrefix"] = RedisServerFixture.NewKeyPrefix(),
            ["Reconciler:SweepInterval"] = "00:00:01",
            ["Reminders:StatusUpdate:Sev1"] = "00:00:02",
        };
        var started = await Task.WhenAll(BotProcess.StartAsync(settings), BotProcess.StartAsync(settings));
        (_a, _b) = (started[0], started[1]);
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }

    [Fact]
    public async Task IncidentsDeclaredOnEitherReplicaGetUniqueNumbersAndOneChannelEach()
    {
        var replicas = new[] { new ConsoleApiClient(_a.Http), new ConsoleApiClient(_b.Http) };

        var replies = await Task.WhenAll(Enumerable.Range(1, 20).Select(i =>
            replicas[i % 2].SayExpectingOneReplyAsync($"user{i}", "general", $"/incident declare Outage number {i}")));

        var numbers = replies.Select(r => int.Parse(r.Split(' ')[1]["INC-".Length..], System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        Assert.Equal(Enumerable.Range(1, 20), numbers);
        foreach (var replica in replicas)
        {
            var channels = await Eventually.Get(() => replica.ChannelsAsync(), c => c.Count(x => x.Name.StartsWith("inc-", StringComparison.Ordinal)) >= 20,
                "every incident channel on both replicas' consoles");
            Assert.Equal(20, channels.Count(c => c.Name.StartsWith("inc-", StringComparison.Ordinal))); // none opened twice
        }
    }

    [Fact]
    public async Task CommandsSentAlternatelyToBothReplicasAllLandOnceAndBothShowTheSameTimeline()
    {
        var a = new ConsoleApiClient(_a.Http);
        var b = new ConsoleApiClient(_b.Http);
        await a.SayExpectingOneReplyAsync("alice", "general", "/incident declare sev2 Search latency");

        await Task.WhenAll(Enumerable.Range(1, 40).Select(i =>
            (i % 2 == 0 ? a : b).SayExpectingOneReplyAsync($"user{i}", "general", $"/incident INC-1 note note {i}")));
        Assert.Contains("@bob is now scribe", await b.SayExpectingOneReplyAsync("alice", "general", "/incident INC-1 scribe @bob"), StringComparison.Ordinal);
        Assert.Contains("resolved", await a.SayExpectingOneReplyAsync("alice", "general", "/incident INC-1 resolve"), StringComparison.Ordinal);

        // Let both reconcilers settle, then compare.
        var settled = await Eventually.Get(() => a.EventsAsync(1), e => e.Count > 0 && Type(e[^1]) == "ChannelMessagesPosted", "the reconcilers to settle", TimeSpan.FromSeconds(45));
        var fromA = await a.EventsAsync(1);
        var fromB = await b.EventsAsync(1);
        Assert.Equal(fromA.Select(e => e.GetRawText()), fromB.Select(e => e.GetRawText()));

        var notes = fromA.Where(e => Type(e) == "NoteAdded").Select(e => e.GetProperty("text").GetString()).Order().ToList();
        Assert.Equal(Enumerable.Range(1, 40).Select(i => $"note {i}").Order(), notes);
        Assert.Equal(Enumerable.Range(1, fromA.Count).Select(v => (long)v), fromA.Select(e => e.GetProperty("version").GetInt64()));
        Assert.Single(fromA, e => Type(e) == "ChannelOpened");
        Assert.Single(fromA, e => Type(e) == "KickoffPosted");
        Assert.Single(fromA, e => Type(e) == "Announced");
        Assert.Equal("resolved", (await b.IncidentAsync(1)).GetProperty("status").GetString());
        Assert.NotEmpty(settled);
    }

    [Fact]
    public async Task AStatusUpdateReminderIsPostedOncePerDueTimeThoughBothReplicasScheduleIt()
    {
        var a = new ConsoleApiClient(_a.Http);
        var b = new ConsoleApiClient(_b.Http);
        await b.SayExpectingOneReplyAsync("alice", "general", "/incident declare sev1 Payments down");

        var events = await Eventually.Get(() => a.EventsAsync(1), e => e.Count(x => Type(x) == "ReminderSent") >= 3,
            "three rounds of status-update reminders", TimeSpan.FromSeconds(45));

        var dueTimes = events.Where(e => Type(e) == "ReminderSent").Select(e => e.GetProperty("dueAt").GetDateTimeOffset()).ToList();
        Assert.Equal(dueTimes.Count, dueTimes.Distinct().Count());
        var posted = (await a.MessagesAsync("inc-1-payments-down", "alice")).Count(m => m.Text.Contains("status update", StringComparison.OrdinalIgnoreCase));
        Assert.InRange(posted, dueTimes.Count, dueTimes.Count + 1); // the next round may land between the two reads
    }

    private static string Type(JsonElement e) => e.GetProperty("type").GetString()!;
}
