using System.Net;
using System.Text.Json;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Tests.Slack.Support;
using ChatOpsBot.Tests.Support;

namespace ChatOpsBot.Tests.Slack;

/// <summary>
/// Socket Mode end to end: the bot opens apps.connections.open on WireMock, then a WebSocket to Kestrel playing
/// Slack's socket server. Envelopes follow the SocketModeRequest shape of slack_sdk.socket_mode.request
/// (type, envelope_id, payload, accepts_response_payload, retry_attempt, retry_reason).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Disposed in DisposeAsync, host before socket server.")]
public sealed class SlackSocketModeTests : IAsyncLifetime
{
    private FakeSlackSocket _socket = null!;
    private SlackBot _bot = null!;

    public async Task InitializeAsync()
    {
        _socket = await FakeSlackSocket.StartAsync();
        _bot = new SlackBot(new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = "", // Socket Mode alone: no Request URLs to verify
            ["Slack:AppToken"] = "xapp-1-A1-test-app-token",
            ["Slack:SocketReconnectDelay"] = "00:00:00.050",
        });
        _bot.Slack.Answer("apps.connections.open", $$"""{"ok":true,"url":"{{_socket.Url}}"}""");
    }

    [Fact]
    public async Task ASlashCommandOverTheSocketDeclaresAnswersInTheAckAndOpensTheChannel()
    {
        _ = _bot.Http; // starts the host
        var session = await _socket.NextSessionAsync();

        var ack = await session.SendEnvelopeAsync("slash_commands", SlashCommand("declare sev2 Checkout failing"), acceptsResponsePayload: true);

        var payload = ack.GetProperty("payload");
        Assert.Equal("ephemeral", payload.GetProperty("response_type").GetString());
        Assert.Contains("Declared INC-1", payload.GetProperty("text").GetString(), StringComparison.Ordinal);
        var incident = await _bot.WaitForChannelStepsAsync();
        Assert.Equal(FakeSlack.IncidentChannel, incident.Channel?.Id);
        Assert.Single(_bot.Slack.Calls("conversations.create"));
        var open = Assert.Single(_bot.Slack.Entries("apps.connections.open"));
        Assert.Equal("Bearer xapp-1-A1-test-app-token", open.RequestMessage.Headers!["Authorization"].Single());
    }

    [Fact]
    public async Task WithoutASigningSecretTheRequestUrlsAreNotServed()
    {
        var response = await _bot.CommandAsync("declare sev2 Checkout failing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task AnEventAndAButtonReachTheSameHandlersAndARedeliveredEventIsHandledOnce()
    {
        _ = _bot.Http;
        var session = await _socket.NextSessionAsync();
        await session.SendEnvelopeAsync("slash_commands", SlashCommand("declare sev2 Checkout failing"), acceptsResponsePayload: true);
        await _bot.WaitForChannelStepsAsync();

        _bot.Slack.Answer("users.info", """{"ok":true,"user":{"id":"U0BOB","name":"bob","profile":{"display_name":"Bob"}}}""");
        var joined = EventCallback("Ev0JOIN1", new { type = "member_joined_channel", user = "U0BOB", channel = FakeSlack.IncidentChannel, channel_type = "C", team = "T1", event_ts = "1767225601.000100" });
        var first = await session.SendEnvelopeAsync("events_api", joined, acceptsResponsePayload: false);
        var retry = await session.SendEnvelopeAsync("events_api", joined, acceptsResponsePayload: false);

        Assert.False(first.TryGetProperty("payload", out _));
        Assert.False(retry.TryGetProperty("payload", out _));
        var timeline = await Eventually.Get(() => _bot.TimelineAsync(), t => t.OfType<ParticipantJoined>().Any(p => p.Participant.Id == "U0BOB"), "Bob's join on the timeline");
        Assert.Single(timeline.OfType<ParticipantJoined>(), p => p.Participant.Id == "U0BOB");

        await session.SendEnvelopeAsync("interactive", SlackDeclareTests.ButtonPress("U0BOB", "bob", "take-scribe", "/incident INC-1 scribe {me}"), acceptsResponsePayload: true);
        Assert.Equal("U0BOB", (await _bot.Incidents.Reader.GetAsync(1, default)).Scribe?.Id);
    }

    [Fact]
    public async Task AModalErrorGoesBackAsTheAckPayload()
    {
        _ = _bot.Http;
        var session = await _socket.NextSessionAsync();

        var ack = await session.SendEnvelopeAsync("interactive", new
        {
            type = "view_submission", user = new { id = "U0ALICE", name = "alice" },
            view = new
            {
                callback_id = "incident_declare", private_metadata = """{"channel":"C0OPS"}""",
                state = new { values = new { title_block = new { title = new { type = "plain_text_input", value = "" } } } },
            },
        }, acceptsResponsePayload: true);

        Assert.Equal("errors", ack.GetProperty("payload").GetProperty("response_action").GetString());
        Assert.Empty(await _bot.Incidents.Reader.ListAsync(default));
    }

    [Fact]
    public async Task ADisconnectOpensTheNextSocketBeforeTheOldOneCloses()
    {
        _ = _bot.Http;
        var old = await _socket.NextSessionAsync();
        await old.SendEnvelopeAsync("slash_commands", SlashCommand("declare sev2 Checkout failing"), acceptsResponsePayload: true);

        // Shape of Slack's disconnect frame: docs.slack.dev/apis/events-api/using-socket-mode ("refresh_requested").
        await old.SendAsync(new { type = "disconnect", reason = "refresh_requested", debug_info = new { host = "applink-1" } });
        var next = await _socket.NextSessionAsync();

        Assert.True(old.IsOpen);
        var ack = await next.SendEnvelopeAsync("slash_commands", SlashCommand("INC-1 note still on it"), acceptsResponsePayload: true);
        Assert.Contains("INC-1", ack.GetProperty("payload").GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains(await _bot.TimelineAsync(), e => e is NoteAdded { Text: "still on it" });
    }

    [Fact]
    public async Task ADroppedConnectionIsReopenedAndReadyzReportsTheSocket()
    {
        _socket.SayHello = false;
        _ = _bot.Http;
        var first = await _socket.NextSessionAsync();
        Assert.Contains("Degraded", await _bot.Http.GetStringAsync("/readyz"), StringComparison.Ordinal);
        await first.HelloAsync();
        await Eventually.Get(() => _bot.Http.GetStringAsync("/readyz"), r => r == "Healthy", "/readyz to see the socket");

        _socket.SayHello = true;
        first.Drop();
        var second = await _socket.NextSessionAsync();

        var ack = await second.SendEnvelopeAsync("slash_commands", SlashCommand("declare sev3 Search slow"), acceptsResponsePayload: true);
        Assert.Contains("Declared INC-1", ack.GetProperty("payload").GetProperty("text").GetString(), StringComparison.Ordinal);
        await Eventually.Get(() => _bot.Http.GetStringAsync("/readyz"), r => r == "Healthy", "/readyz after the reconnect");
    }

    // The form fields of a slash command (https://api.slack.com/interactivity/slash-commands) as Socket Mode's payload carries them.
    private object SlashCommand(string text) => new
    {
        token = "deprecated", team_id = "T1", team_domain = "acme", channel_id = "C0OPS", channel_name = "ops", user_id = "U0ALICE",
        user_name = "alice", command = "/incident", text, api_app_id = "A1", is_enterprise_install = "false",
        response_url = _bot.Slack.ResponseUrl, trigger_id = Some.String("trigger"),
    };

    private static object EventCallback(string eventId, object innerEvent) => new
    {
        type = "event_callback", team_id = "T1", api_app_id = "A1", event_id = eventId, event_time = 1767225600,
        authorizations = new[] { new { user_id = "U0BOT", is_bot = true } },
        @event = innerEvent,
    };

    public async Task DisposeAsync()
    {
        _bot.Dispose();
        await _socket.DisposeAsync();
    }
}
