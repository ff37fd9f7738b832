using System.Diagnostics;
using System.Text.Json;
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

    [Fact]
    public async Task AfterASigkillBetweenTheIntentAndSlacksAnswerTheRestartedHostAdoptsTheOneChannelWithin10Seconds()
    {
        // The create reaches Slack (the channel exists from then on) but its answer is slower than the host's life.
        _slack.Server.Given(Request.Create().WithPath("/api/conversations.create")).AtPriority(1)
            .RespondWith(Response.Create().WithDelay(TimeSpan.FromMinutes(2)).WithHeader("Content-Type", "application/json")
                .WithBody($$$"""{"ok":true,"channel":{"id":"C0INC1","name":"{{{ChannelName}}}"}}"""));
        var settings = Settings();
        var first = await HostProcess.StartAsync(settings);
        await using (first)
        {
            using var declared = await first.Http.SendAsync(SlackSigner.SignedRequest("/slack/commands", SlackSigner.Form(
                ("team_id", "T1"), ("channel_id", "C0OPS"), ("user_id", "U0ALICE"), ("user_name", "alice"), ("command", "/incident"),
                ("text", "declare sev2 Checkout down"), ("response_url", _slack.ResponseUrl), ("trigger_id", Some.String("trigger")))));
            Assert.StartsWith("Declared INC-1", await SlackBot.EphemeralTextAsync(declared), StringComparison.Ordinal);
            var intent = await Eventually.Get(() => new ConsoleApiClient(first.Http).EventsAsync(1), e => e.Any(x => Type(x) == "ChannelOpening"), "the channel intent");
            Assert.Equal(ChannelName, intent.Single(x => Type(x) == "ChannelOpening").GetProperty("name").GetString());
            await Eventually.Get(() => Task.FromResult(_slack.Entries("conversations.create").Count), n => n == 1, "conversations.create to reach Slack");

            await first.KillAsync();
        }

        // What Slack now says: the channel exists under that name, made by this bot; the name is taken for another create.
        _slack.Answer("conversations.create", """{"ok":false,"error":"name_taken"}""", priority: 0);
        _slack.Server.Given(Request.Create().WithPath("/api/conversations.create").WithBody(new WireMock.Matchers.JsonPartialMatcher("""{"name":"inc-1-checkout-down-2"}""")))
            .AtPriority(-1).RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("""{"ok":true,"channel":{"id":"C0SECOND","name":"inc-1-checkout-down-2"}}"""));
        _slack.Answer("conversations.list", $$$"""{"ok":true,"channels":[{"id":"C0INC1","name":"{{{ChannelName}}}","creator":"U0BOT","is_archived":false,"purpose":{"value":""},"topic":{"value":""}}],"response_metadata":{"next_cursor":""}}""", priority: 0);
        _slack.Answer("auth.test", """{"ok":true,"user_id":"U0BOT","team_id":"T1"}""", priority: 0);

        var sinceRestart = Stopwatch.StartNew();
        await using var restarted = await HostProcess.StartAsync(settings);
        var events = await Eventually.Get(() => new ConsoleApiClient(restarted.Http).EventsAsync(1), e => e.Any(x => Type(x) == "ChannelOpened"),
            "the restarted host to record the channel", TimeSpan.FromSeconds(10) - sinceRestart.Elapsed);

        var opened = Assert.Single(events, x => Type(x) == "ChannelOpened").GetProperty("channel");
        Assert.Equal("C0INC1", opened.GetProperty("id").GetString());
        Assert.Equal(ChannelName, opened.GetProperty("name").GetString());
        Assert.Single(_slack.Entries("conversations.create")); // the one before the kill; no second channel
        Assert.Single(events, x => Type(x) == "ChannelOpening");
    }

    public void Dispose() => _slack.Dispose();

    private Dictionary<string, string> Settings() => new()
    {
        ["Storage:Provider"] = "Redis",
        ["Redis:ConnectionString"] = redis.ConnectionString,
        ["Redis:KeyPrefix"] = RedisServerFixture.NewKeyPrefix(),
        ["Slack:SigningSecret"] = SlackSigner.Secret,
        ["Slack:BotToken"] = "xoxb-test-token",
        ["Slack:ApiBaseUrl"] = _slack.ApiBaseUrl,
        ["Slack:StakeholderChannel"] = FakeSlack.Stakeholders,
        ["Slack:RetryDelay"] = "00:00:00.050",
    };

    private static string Type(JsonElement e) => e.GetProperty("type").GetString()!;
}
