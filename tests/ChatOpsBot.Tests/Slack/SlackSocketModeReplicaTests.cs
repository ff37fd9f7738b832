using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Tests.Slack.Support;
using ChatOpsBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsBot.Tests.Slack;

/// <summary>
/// Socket Mode with two replicas: two hosts on one real Redis, each holding its own socket to the test's Socket Mode
/// server, as a Deployment with two pods does. Slack hands an envelope to one socket and may hand its retry (the same
/// payload in a new envelope) to the other.
/// </summary>
[Collection(RedisCollection.Name)]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Disposed in DisposeAsync, hosts before the servers they call.")]
public sealed class SlackSocketModeReplicaTests(RedisServerFixture redis) : IAsyncLifetime
{
    private readonly FakeSlack _slack = new();
    private FakeSlackSocket _socket = null!;
    private BotFactory _a = null!;
    private BotFactory _b = null!;
    private HttpClient _httpA = null!;
    private HttpClient _httpB = null!;
    private FakeSlackSocket.Session _socketA = null!;
    private FakeSlackSocket.Session _socketB = null!;

    public async Task InitializeAsync()
    {
        _socket = await FakeSlackSocket.StartAsync();
        _slack.Answer("apps.connections.open", $$"""{"ok":true,"url":"{{_socket.Url}}"}""");
        var settings = new Dictionary<string, string?>(BotFactory.Redis(redis.ConnectionString, RedisServerFixture.NewKeyPrefix()))
        {
            ["Slack:SigningSecret"] = "",
            ["Slack:BotToken"] = "xoxb-test-token",
            ["Slack:AppToken"] = "xapp-1-A1-test-app-token",
            ["Slack:ApiBaseUrl"] = _slack.ApiBaseUrl,
            ["Slack:StakeholderChannel"] = FakeSlack.Stakeholders,
            ["Slack:RetryDelay"] = "00:00:00.050",
            ["Slack:SocketReconnectDelay"] = "00:00:00.050",
        };

        // One at a time, so each socket is known to be its host's.
        _a = new BotFactory(settings);
        _httpA = _a.CreateClient();
        _socketA = await _socket.NextSessionAsync();
        _b = new BotFactory(settings);
        _httpB = _b.CreateClient();
        _socketB = await _socket.NextSessionAsync();
    }

    [Fact]
    public async Task ACommandRetriedOnTheOtherReplicasSocketIsHandledOnceAndBothEnvelopesAreAcknowledged()
    {
        await Eventually.Get(() => _httpA.GetStringAsync("/readyz"), r => r == "Healthy", "host A's socket on /readyz");
        await Eventually.Get(() => _httpB.GetStringAsync("/readyz"), r => r == "Healthy", "host B's socket on /readyz");
        var declared = await _socketA.SendEnvelopeAsync("slash_commands", SlashCommand("declare sev2 Checkout failing", "trigger-declare"), acceptsResponsePayload: true);
        Assert.Contains("Declared INC-1", declared.GetProperty("payload").GetProperty("text").GetString(), StringComparison.Ordinal);
        var incidents = _b.Services.GetRequiredService<IncidentService>();
        await Eventually.Get(() => incidents.Reader.GetAsync(1, default), i => i.Chat.KickoffMessageId is not null, "the channel opened by one of the replicas");

        var note = SlashCommand("INC-1 note rolled back the deploy", "trigger-note-1");
        var first = await _socketA.SendEnvelopeAsync("slash_commands", note, acceptsResponsePayload: true);
        var retry = await _socketB.SendEnvelopeAsync("slash_commands", note, acceptsResponsePayload: true, retryAttempt: 1);

        // Both acknowledged (SendEnvelopeAsync checks each envelope_id) with the command's own answer, not "working on
        // it": each host has finished with its envelope, so the timeline below is final.
        Assert.Contains("INC-1", first.GetProperty("payload").GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("INC-1", retry.GetProperty("payload").GetProperty("text").GetString(), StringComparison.Ordinal);
        var timeline = await incidents.Reader.ReadTimelineAsync(1, default);
        Assert.Single(timeline.OfType<NoteAdded>(), n => n.Text == "rolled back the deploy");
        Assert.Single(_slack.Calls("conversations.create"));
        Assert.Equal("Healthy", await _httpA.GetStringAsync("/readyz"));
        Assert.Equal("Healthy", await _httpB.GetStringAsync("/readyz"));
    }

    // The form fields of a slash command (https://api.slack.com/interactivity/slash-commands) as Socket Mode's payload
    // carries them; a retry carries the same trigger_id.
    private object SlashCommand(string text, string triggerId) => new
    {
        token = "deprecated", team_id = "T1", team_domain = "acme", channel_id = "C0OPS", channel_name = "ops", user_id = "U0ALICE",
        user_name = "alice", command = "/incident", text, api_app_id = "A1", is_enterprise_install = "false",
        response_url = _slack.ResponseUrl, trigger_id = triggerId,
    };

    public async Task DisposeAsync()
    {
        _httpA.Dispose();
        _httpB.Dispose();
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _socket.DisposeAsync();
        _slack.Dispose();
    }
}
