using System.Net;
using System.Net.Http.Json;
using ChatOpsBot.Slack;
using ChatOpsBot.Tests.Slack.Support;
using ChatOpsBot.Tests.Support;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace ChatOpsBot.Tests.Slack;

/// <summary>
/// The client-side pacing of Slack Web API calls, over real HTTP to WireMock, on a fake clock: a burst of calls is let
/// through as fast as the method's tier allows and the rest wait their turn locally; channels are paced separately;
/// a 429 that gets through anyway holds everyone behind it for its Retry-After. Counts and order, never timings.
/// </summary>
public sealed class SlackRateLimitTests : IDisposable
{
    private readonly FakeSlack _slack = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly SlackRateLimits _limits;
    private readonly HttpClient _http;

    public SlackRateLimitTests()
    {
        _limits = new SlackRateLimits(Options.Create(new SlackOptions()), _clock);
        _http = new HttpClient(new SlackRateLimitHandler(_limits) { InnerHandler = new HttpClientHandler() }) { BaseAddress = new Uri(_slack.ApiBaseUrl) };
    }

    [Fact]
    public async Task ABurstOfChannelCreatesGoesOutOnePerThreeSecondsAtTwentyAMinuteAndTheRestWaitLocally()
    {
        var bucket = _limits.ForMethod("conversations.create")!;
        var calls = new List<Task<HttpResponseMessage>>();
        for (var i = 1; i <= 5; i++)
        {
            calls.Add(_http.PostAsJsonAsync("conversations.create", new { name = $"inc-{i}" }));
            await Eventually.Get(() => Task.FromResult(bucket.Waiting), w => w == i - 1, $"{i - 1} waiting"); // queued
        }

        await Sent("conversations.create", 1, bucket, waiting: 4);
        _clock.Advance(TimeSpan.FromSeconds(2.9));
        await Sent("conversations.create", 1, bucket, waiting: 4); // not yet: Tier 2 is one call per 3 s
        _clock.Advance(TimeSpan.FromSeconds(0.1));
        await Sent("conversations.create", 2, bucket, waiting: 3);
        for (var i = 0; i < 3; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(3));
        }

        await Task.WhenAll(calls);

        Assert.All(calls, c => Assert.Equal(HttpStatusCode.OK, c.Result.StatusCode));
        var names = _slack.Calls("conversations.create").Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.Equal("inc-1", names[0]); // the first went at once; the rest in the order they got a token
        Assert.Equal(["inc-1", "inc-2", "inc-3", "inc-4", "inc-5"], names.Order());
    }

    [Fact]
    public async Task PostsIntoOneChannelGetAShortBurstThenOneASecondWhileAnotherChannelIsNotHeldUp()
    {
        var channel = _limits.ForChannel("C0BUSY")!;
        var busy = new List<Task<HttpResponseMessage>>();
        for (var i = 1; i <= 5; i++)
        {
            busy.Add(_http.PostAsJsonAsync("chat.postMessage", new { channel = "C0BUSY", text = $"update {i}" }));
            await Eventually.Get(() => Task.FromResult(channel.Waiting + _slack.Calls("chat.postMessage").Count), n => n == i, $"post {i} sent or waiting");
        }
        await Eventually.Get(() => Task.FromResult(channel.Waiting), w => w == 2, "two posts waiting behind the burst of three");
        await Eventually.Get(() => Task.FromResult(_slack.Calls("chat.postMessage").Count), n => n == 3, "the burst of three sent");

        var quiet = await _http.PostAsJsonAsync("chat.postMessage", new { channel = "C0QUIET", text = "kick-off" });

        Assert.Equal(HttpStatusCode.OK, quiet.StatusCode);
        Assert.Equal(4, _slack.Calls("chat.postMessage").Count); // three into C0BUSY, one into C0QUIET
        _clock.Advance(TimeSpan.FromSeconds(1));
        await Eventually.Get(() => Task.FromResult(channel.Waiting), w => w == 1, "one more post after a second");
        _clock.Advance(TimeSpan.FromSeconds(1));
        await Task.WhenAll(busy);
        Assert.Equal(["update 1", "update 2", "update 3", "update 4", "update 5"],
            _slack.Calls("chat.postMessage").Where(c => c.GetProperty("channel").GetString() == "C0BUSY").Select(c => c.GetProperty("text").GetString()).Order());
    }

    [Fact]
    public async Task A429HoldsTheCallsQueuedBehindItForItsRetryAfterEvenWhenTokensAreDue()
    {
        _slack.Server.Given(Request.Create().WithPath("/api/conversations.invite")).AtPriority(1)
            .InScenario("limited").WillSetStateTo("served once")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "30"));
        var bucket = _limits.ForMethod("conversations.invite")!;

        var limited = await _http.PostAsJsonAsync("conversations.invite", new { channel = "C1", users = "U1" });
        var next = _http.PostAsJsonAsync("conversations.invite", new { channel = "C2", users = "U2" });
        _clock.Advance(TimeSpan.FromSeconds(1.2)); // a Tier 3 token is due, but Slack said 30 s
        await Eventually.Get(() => Task.FromResult(_slack.Entries("conversations.invite").Count), n => n == 1, "only the limited call sent");
        Assert.Equal(0, bucket.Waiting); // the next call is held by the pause, before the bucket
        Assert.False(next.IsCompleted);

        _clock.Advance(TimeSpan.FromSeconds(30));
        _clock.Advance(TimeSpan.FromSeconds(1.2)); // the pause is over; the next token is due
        var answered = await next;

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal(2, _slack.Entries("conversations.invite").Count);
    }

    [Fact]
    public async Task MethodsWithoutALimitAreNotPaced()
    {
        var calls = await Task.WhenAll(Enumerable.Range(1, 10).Select(i => _http.PostAsJsonAsync("users.info", new { user = $"U{i}" })));

        Assert.All(calls, c => Assert.Equal(HttpStatusCode.OK, c.StatusCode));
        Assert.Null(_limits.ForMethod("users.info"));
    }

    private async Task Sent(string method, int count, SlackRateLimits.Bucket bucket, int waiting)
    {
        // The queue length is the drained signal: once the others wait in it, no further call is on its way.
        await Eventually.Get(() => Task.FromResult(bucket.Waiting), w => w == waiting, $"{waiting} {method} calls waiting");
        await Eventually.Get(() => Task.FromResult(_slack.Entries(method).Count), n => n == count, $"{count} {method} calls sent");
        Assert.Equal(count, _slack.Entries(method).Count);
    }

    public void Dispose()
    {
        _http.Dispose();
        _limits.Dispose();
        _slack.Dispose();
    }
}
