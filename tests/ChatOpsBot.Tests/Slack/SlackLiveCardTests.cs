using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Tests.Slack.Support;
using ChatOpsBot.Tests.Support;
using ChatOpsBot.Tests.Webhooks;

namespace ChatOpsBot.Tests.Slack;

/// <summary>
/// What Slack receives, asserted on the exact bodies WireMock recorded: real mentions, the live kick-off card
/// (updated in place, pinned once, buttons that follow the state), alert links in its blocks.
/// </summary>
public sealed class SlackLiveCardTests : IDisposable
{
    private const string KickoffTs = "1767225600.000900";

    private readonly SlackBot _bot = new(new Dictionary<string, string?>
    {
        ["Reconciler:SweepInterval"] = "00:00:01",
        ["Webhooks:Alertmanager:BearerToken"] = WebhookSettings.Token,
    });

    [Fact]
    public async Task AStatusUpdateReminderMentionsTheCommanderAsASlackUser()
    {
        using var bot = new SlackBot(new Dictionary<string, string?> { ["Reminders:StatusUpdate:Sev2"] = "00:00:01" });
        await bot.DeclareAndWaitAsync();

        var reminder = await Eventually.Get(() => Task.FromResult(PostsTo(bot, FakeSlack.IncidentChannel)),
            p => p.Any(x => Text(x).Contains("status update on INC-1 is due", StringComparison.Ordinal)), "the status-update reminder");

        var text = Text(reminder.First(x => Text(x).Contains("status update on INC-1 is due", StringComparison.Ordinal)));
        Assert.StartsWith("⏰ <@U0ALICE>, a status update on INC-1 is due", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeverityScribeResolveAndCloseEachUpdateTheKickoffInPlaceWithTheRightButtons()
    {
        await _bot.DeclareAndWaitAsync();
        var kickoff = PostsTo(_bot, FakeSlack.IncidentChannel).First();
        Assert.Equal(["take-commander", "take-scribe", "change-severity", "post-update", "resolve"], Buttons(kickoff));

        await Command("severity sev1");
        var raised = await UpdateShowingAsync("*Severity*\nSEV1");
        Assert.Equal(FakeSlack.IncidentChannel, raised.GetProperty("channel").GetString());
        Assert.Equal(KickoffTs, raised.GetProperty("ts").GetString());

        await Command("scribe <@U0BOB|bob>");
        var scribe = await UpdateShowingAsync("*Scribe*\n<@U0BOB>");
        Assert.Contains("resolve", Buttons(scribe));

        await Command("resolve Rolled back the deploy");
        var resolved = await UpdateShowingAsync("*Status*\nResolved");
        Assert.Equal(["post-update", "reopen"], Buttons(resolved));

        await Command("close");
        var closed = await UpdateShowingAsync("*Status*\nClosed");
        Assert.Empty(Buttons(closed));

        var pins = _bot.Slack.Calls("pins.add");
        var pin = Assert.Single(pins);
        Assert.Equal(FakeSlack.IncidentChannel, pin.GetProperty("channel").GetString());
        Assert.Equal(KickoffTs, pin.GetProperty("timestamp").GetString());
        // Slack sees the last update before the reconciler records it: wait for the record.
        var timeline = await Eventually.Get(() => _bot.TimelineAsync(), t => t.OfType<KickoffUpdated>().Count() >= 4, "the four card updates on the timeline");
        Assert.Single(timeline.OfType<KickoffPinned>());
    }

    [Fact]
    public async Task AnAlertmanagerAlertShowsItsRunbookAndGeneratorLinksInTheKickoffBlocks()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/alertmanager")
        {
            Content = new StringContent(CapturedPayloads.AlertmanagerFiring, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", WebhookSettings.Token);
        using var response = await _bot.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var kickoff = (await Eventually.Get(() => Task.FromResult(PostsTo(_bot, FakeSlack.IncidentChannel)), p => p.Count > 0, "the kick-off"))[0];
        var links = kickoff.GetProperty("blocks").EnumerateArray().Single(b => b.TryGetProperty("block_id", out var id) && id.GetString() == "incident_links")
            .GetProperty("text").GetProperty("text").GetString()!;
        Assert.Contains("<https://runbooks.example.com/checkout/latency|Runbook>", links, StringComparison.Ordinal);
        Assert.Contains("<http://prometheus:9090/graph?g0.expr=", links, StringComparison.Ordinal);
        Assert.Contains("|Source>", links, StringComparison.Ordinal);
        // The alert sender is a name, not a Slack user: never invited.
        Assert.DoesNotContain(_bot.Slack.Calls("conversations.invite"), c => c.GetProperty("users").GetString()!.Contains("alertmanager", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnAlertWhoseTriagePromptSlackRefusesIsAnswered503WithTheReasonSoAlertmanagerRetries()
    {
        _bot.Slack.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath("/api/chat.postMessage")).AtPriority(1)
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(HttpStatusCode.ServiceUnavailable));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/alertmanager")
        {
            Content = new StringContent(CapturedPayloads.AlertmanagerWarning, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", WebhookSettings.Token);

        using var response = await _bot.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("slack is unavailable", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private async Task Command(string text) =>
        await SlackBot.EphemeralTextAsync(await _bot.CommandAsync(text, channel: FakeSlack.IncidentChannel));

    private async Task<JsonElement> UpdateShowingAsync(string field)
    {
        var updates = await Eventually.Get(() => Task.FromResult(_bot.Slack.Calls("chat.update")),
            u => u.Any(x => Fields(x).Contains(field)), $"a chat.update of the kick-off showing {field}");
        return updates.Last(x => Fields(x).Contains(field));
    }

    private static List<JsonElement> PostsTo(SlackBot bot, string channel) =>
        [.. bot.Slack.Calls("chat.postMessage").Where(c => c.GetProperty("channel").GetString() == channel)];

    private static string Text(JsonElement call) => call.GetProperty("text").GetString()!;

    private static List<string> Fields(JsonElement call) =>
        [.. call.GetProperty("blocks").EnumerateArray().Where(b => b.TryGetProperty("fields", out _))
            .SelectMany(b => b.GetProperty("fields").EnumerateArray()).Select(f => f.GetProperty("text").GetString()!)];

    private static List<string> Buttons(JsonElement call) =>
        [.. call.GetProperty("blocks").EnumerateArray().Where(b => b.GetProperty("type").GetString() == "actions")
            .SelectMany(b => b.GetProperty("elements").EnumerateArray()).Select(e => e.GetProperty("action_id").GetString()!["incident_cmd:".Length..])];

    public void Dispose() => _bot.Dispose();
}
