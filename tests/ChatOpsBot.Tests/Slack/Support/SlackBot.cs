using System.Net;
using System.Text.Json;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsBot.Tests.Slack.Support;

/// <summary>
/// The real host with Slack configured against <see cref="FakeSlack"/> and a SQLite file store, plus helpers
/// that talk to it the way Slack does: signed form posts and JSON events.
/// </summary>
public sealed class SlackBot : IDisposable
{
    private HttpClient? _http;

    private readonly string _directory = Directory.CreateTempSubdirectory("chatopsbot-slack-").FullName;

    public SlackBot(IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>(BotFactory.Sqlite(Path.Combine(_directory, "chatopsbot.db")))
        {
            ["Slack:SigningSecret"] = SlackSigner.Secret,
            ["Slack:BotToken"] = "xoxb-test-token",
            ["Slack:ApiBaseUrl"] = Slack.ApiBaseUrl,
            ["Slack:StakeholderChannel"] = FakeSlack.Stakeholders,
            ["Slack:DefaultResponders:0"] = "U0ONCALL",
            ["Slack:RetryDelay"] = "00:00:00.050",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        Factory = new BotFactory(settings);
    }

    public FakeSlack Slack { get; } = new();

    public BotFactory Factory { get; }

    /// <summary>Starts the host on first use, so a test can watch a bad configuration fail to start.</summary>
    public HttpClient Http => _http ??= Factory.CreateClient();

    public IncidentService Incidents => Factory.Services.GetRequiredService<IncidentService>();

    public async Task<HttpResponseMessage> CommandAsync(string text, string user = "U0ALICE", string channel = "C0OPS", string? triggerId = null) =>
        await Http.SendAsync(SlackSigner.SignedRequest("/slack/commands", SlackSigner.Form(
            ("token", "deprecated"), ("team_id", "T1"), ("channel_id", channel), ("channel_name", "ops"), ("user_id", user),
            ("user_name", user == "U0ALICE" ? "alice" : user.ToLowerInvariant()), ("command", "/incident"), ("text", text),
            ("response_url", Slack.ResponseUrl), ("trigger_id", triggerId ?? Some.String("trigger")))));

    public async Task<HttpResponseMessage> InteractAsync(object payload) =>
        await Http.SendAsync(SlackSigner.SignedRequest("/slack/interactivity",
            SlackSigner.Form(("payload", JsonSerializer.Serialize(payload)))));

    public async Task<HttpResponseMessage> EventAsync(string eventId, object innerEvent) =>
        await Http.SendAsync(SlackSigner.SignedRequest("/slack/events", SlackSigner.Json(JsonSerializer.Serialize(new
        {
            type = "event_callback", team_id = "T1", api_app_id = "A1", event_id = eventId, event_time = 1767225600,
            authorizations = new[] { new { user_id = "U0BOT", is_bot = true } },
            @event = innerEvent,
        }))));

    public static async Task<string> EphemeralTextAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ephemeral", json.RootElement.GetProperty("response_type").GetString());
        return json.RootElement.GetProperty("text").GetString()!;
    }

    /// <summary>Declares INC-1 by command and waits until the reconciler has done every channel step.</summary>
    public async Task<Incident> DeclareAndWaitAsync(string text = "declare sev2 Checkout failing")
    {
        await EphemeralTextAsync(await CommandAsync(text));
        return await WaitForChannelStepsAsync();
    }

    public async Task<Incident> WaitForChannelStepsAsync()
    {
        return await Eventually.Get(() => Incidents.Reader.GetAsync(1, default),
            i => i.Chat.KickoffMessageId is not null && i.Chat.IsKickoffPinned && (i.IsPrivate || i.Chat.IsAnnounced), "the incident's channel steps");
    }

    public Task<IReadOnlyList<JsonElement>> EventuallyCallsAsync(string method) =>
        Eventually.Get(() => Task.FromResult(Slack.Calls(method)), c => c.Count > 0, $"a call of {method}");

    public async Task<IReadOnlyList<IncidentEvent>> TimelineAsync(int number = 1) => await Incidents.Reader.ReadTimelineAsync(number, default);

    public void Dispose()
    {
        _http?.Dispose();
        Factory.Dispose();
        Slack.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
