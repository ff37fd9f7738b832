using System.Diagnostics;
using System.Text.Json;
using ChatOpsBot.Testing;
using ChatOpsBot.Tests.Slack.Support;
using ChatOpsBot.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace ChatOpsBot.Tests.Reliability;

/// <summary>
/// The host as its own process on Redis, SIGKILLed while Slack is still answering conversations.create: the intent
/// is on the timeline, the channel exists on Slack, and nobody recorded it. The restarted host adopts that channel
/// within 10 s (its step lease is short and the dead one's is not renewed) and opens no second one.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class HostKilledDuringChannelCreateTests(RedisServerFixture redis) : IDisposable
{
    private const string ChannelName = "inc-1-checkout-down";

    private readonly FakeSlack _slack = new();
    private readonly TaskCompletionSource _firstCreateArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ManualResetEventSlim _releaseFirstCreate = new();
    private int _creates;

    [Fact]
    public async Task AfterASigkillBetweenTheIntentAndSlacksAnswerTheRestartedHostAdoptsTheOneChannelWithin10Seconds()
    {
        // The first create reaches Slack (the channel exists from then on) but its answer is slower than the host's
        // life. Any later create gets what Slack answers for a taken name, or opens a second channel under another.
        _slack.Server.Given(Request.Create().WithPath("/api/conversations.create")).AtPriority(0).RespondWith(Response.Create().WithCallback(request =>
        {
            if (Interlocked.Increment(ref _creates) == 1)
            {
                _firstCreateArrived.TrySetResult();
                _releaseFirstCreate.Wait(TimeSpan.FromMinutes(2));
                return SlackAnswer($$$"""{"ok":true,"channel":{"id":"C0INC1","name":"{{{ChannelName}}}"}}""");
            }

            return SlackAnswer(request.Body!.Contains($"\"{ChannelName}\"", StringComparison.Ordinal)
                ? """{"ok":false,"error":"name_taken"}"""
                : """{"ok":true,"channel":{"id":"C0SECOND","name":"inc-1-checkout-down-2"}}""");
        }));
        var settings = Settings();
        var first = await BotProcess.StartAsync(settings);
        await using (first)
        {
            using var declared = await first.Http.SendAsync(SlackSigner.SignedRequest("/slack/commands", SlackSigner.Form(
                ("team_id", "T1"), ("channel_id", "C0OPS"), ("user_id", "U0ALICE"), ("user_name", "alice"), ("command", "/incident"),
                ("text", "declare sev2 Checkout down"), ("response_url", _slack.ResponseUrl), ("trigger_id", Some.String("trigger")))));
            Assert.StartsWith("Declared INC-1", await SlackBot.EphemeralTextAsync(declared), StringComparison.Ordinal);
            var intent = await Eventually.Get(() => new ConsoleApiClient(first.Http).EventsAsync(1), e => e.Any(x => Type(x) == "ChannelOpening"), "the channel intent");
            Assert.Equal(ChannelName, intent.Single(x => Type(x) == "ChannelOpening").GetProperty("name").GetString());
            await _firstCreateArrived.Task.WaitAsync(TimeSpan.FromSeconds(15));

            await first.KillAsync();
        }

        // What Slack now says: the channel exists under that name, made by this bot.
        _slack.Answer("conversations.list", $$$"""{"ok":true,"channels":[{"id":"C0INC1","name":"{{{ChannelName}}}","creator":"U0BOT","is_archived":false,"purpose":{"value":""},"topic":{"value":""}}],"response_metadata":{"next_cursor":""}}""", priority: 0);
        _slack.Answer("auth.test", """{"ok":true,"user_id":"U0BOT","team_id":"T1"}""", priority: 0);

        var sinceRestart = Stopwatch.StartNew();
        await using var restarted = await BotProcess.StartAsync(settings);
        var events = await Eventually.Get(() => new ConsoleApiClient(restarted.Http).EventsAsync(1), e => e.Any(x => Type(x) == "ChannelOpened"),
            "the restarted host to record the channel", TimeSpan.FromSeconds(10) - sinceRestart.Elapsed);

        var opened = Assert.Single(events, x => Type(x) == "ChannelOpened").GetProperty("channel");
        Assert.Equal("C0INC1", opened.GetProperty("id").GetString());
        Assert.Equal(ChannelName, opened.GetProperty("name").GetString());
        Assert.Equal(1, Volatile.Read(ref _creates)); // the one before the kill: no second channel
        Assert.Single(events, x => Type(x) == "ChannelOpening");
    }

    public void Dispose()
    {
        _releaseFirstCreate.Set();
        _slack.Dispose();
        _releaseFirstCreate.Dispose();
    }

    private static WireMock.ResponseMessage SlackAnswer(string json) => new()
    {
        StatusCode = 200,
        BodyData = new WireMock.Util.BodyData { BodyAsString = json, DetectedBodyType = WireMock.Types.BodyType.String },
        Headers = new Dictionary<string, WireMock.Types.WireMockList<string>> { ["Content-Type"] = new("application/json") },
    };

    private Dictionary<string, string> Settings() => new()
    {
        ["Storage:Provider"] = "Redis",
        ["Redis:ConnectionString"] = redis.ConnectionString,
        ["Redis:KeyPrefix"] = KeyPrefix,
        ["Slack:SigningSecret"] = SlackSigner.Secret,
        ["Slack:BotToken"] = "xoxb-test-token",
        ["Slack:ApiBaseUrl"] = _slack.ApiBaseUrl,
        ["Slack:StakeholderChannel"] = FakeSlack.Stakeholders,
        ["Slack:RetryDelay"] = "00:00:00.050",
    };

    private string KeyPrefix { get; } = RedisServerFixture.NewKeyPrefix();

    private static string Type(JsonElement e) => e.GetProperty("type").GetString()!;
}
