using System.Net;
using System.Text;
using System.Text.Json;
using ChatOpsBot.Tests.Support;
using ChatOpsBot.Tracker;

namespace ChatOpsBot.Tests.Tracker;

/// <summary>Action items to Jira Cloud issues (REST v3 through Refit) over real HTTP, WireMock as the Jira site.</summary>
public sealed class JiraTrackerTests : IDisposable
{
    private const string WebhookSecret = "jira-webhook-secret-01";
    private const string Channel = "inc-1-checkout-is-down";

    private readonly FakeTrackers _jira = new();
    private readonly BotFactory _app;
    private readonly ConsoleApiClient _api;

    public JiraTrackerTests()
    {
        _app = new BotFactory(new Dictionary<string, string?>
        {
            ["Tracker:Jira:BaseUrl"] = _jira.Url,
            ["Tracker:Jira:Email"] = "bot@acme.example",
            ["Tracker:Jira:ApiToken"] = "jira-api-token-0123",
            ["Tracker:Jira:ProjectKey"] = "OPS",
            ["Tracker:Jira:WebhookSecret"] = WebhookSecret,
            ["Tracker:RetryInterval"] = "00:00:01",
        });
        _api = new ConsoleApiClient(_app.CreateClient());
    }

    [Fact]
    public async Task AnActionItemBecomesAJiraIssueOnceAndMovingItToDoneMarksTheItemDone()
    {
        await _api.SayAsync("alice", "general", "/incident declare sev2 Checkout is down");
        // After the kick-off, so the channel is the incident's and every later event earns its own message.
        await Eventually.Get(() => _api.EventsAsync(1), e => e.Any(x => x.GetProperty("type").GetString() == "KickoffPosted"), "the kick-off");
        await _api.SayAsync("alice", Channel, "/incident action Add a circuit breaker @bob");

        await _api.SayAsync("alice", Channel, "/incident action export");
        var events = await Eventually.Get(() => _api.EventsAsync(1), e => e.Any(x => x.GetProperty("type").GetString() == "ActionItemExported"), "the issue");

        var exported = events.Single(e => e.GetProperty("type").GetString() == "ActionItemExported");
        Assert.Equal(("OPS-12", $"{_jira.Url}browse/OPS-12"), (exported.GetProperty("issueKey").GetString(), exported.GetProperty("issueUrl").GetString()));
        var call = Assert.Single(_jira.Calls("/rest/api/3/issue"));
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("bot@acme.example:jira-api-token-0123")), call.RequestMessage.Headers!["Authorization"].Single());
        var fields = JsonDocument.Parse(call.RequestMessage.Body!).RootElement.GetProperty("fields");
        Assert.Equal(("OPS", "[INC-1] Add a circuit breaker", "Task"),
            (fields.GetProperty("project").GetProperty("key").GetString(), fields.GetProperty("summary").GetString(), fields.GetProperty("issuetype").GetProperty("name").GetString()));
        var paragraphs = fields.GetProperty("description").GetProperty("content").EnumerateArray().Select(p => p.GetProperty("content")[0].GetProperty("text").GetString()).ToList();
        Assert.Contains("Owner: @bob", paragraphs);

        var wrong = IssueUpdated("OPS-12");
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(wrong, TrackedItems.Sign(wrong, "another-secret-entirely"))).StatusCode);
        var body = IssueUpdated("OPS-12");
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(body, TrackedItems.Sign(body, WebhookSecret))).StatusCode);

        var done = Assert.Single(await _api.EventsAsync(1), e => e.GetProperty("type").GetString() == "ActionItemClosedInTracker");
        Assert.Equal("OPS-12", done.GetProperty("issueKey").GetString());
        Assert.Equal("Mia Krystof", done.GetProperty("actor").GetProperty("name").GetString());
        await Eventually.Get(() => _api.MessagesAsync(Channel), m => m.Any(x => x.Text.Contains("Action item #1 is done: OPS-12 was closed in Jira", StringComparison.Ordinal)), "the item done in the channel");
    }

    [Fact]
    public async Task AnIssueJiraCreatedWhoseAnswerWasLostIsFoundByItsMarkerLabelAndAdoptedNotFiledAgain()
    {
        await _api.SayAsync("alice", "general", "/incident declare sev2 Checkout is down");
        await Eventually.Get(() => _api.EventsAsync(1), e => e.Any(x => x.GetProperty("type").GetString() == "KickoffPosted"), "the kick-off");
        await _api.SayAsync("alice", Channel, "/incident action Add a circuit breaker @bob");
        _jira.CreateButLoseTheAnswer(FakeTrackers.JiraIssues);

        await _api.SayAsync("alice", Channel, "/incident action export");
        await Eventually.Get(() => _api.EventsAsync(1), e => e.Any(x => x.GetProperty("type").GetString() == "ActionItemExportFailed"), "the lost answer as a failure");
        _jira.Recover();
        var events = await Eventually.Get(() => _api.EventsAsync(1), e => e.Any(x => x.GetProperty("type").GetString() == "ActionItemExported"), "the issue");

        var create = Assert.Single(_jira.Creates(FakeTrackers.JiraIssues));
        var labels = JsonDocument.Parse(create.RequestMessage.Body!).RootElement.GetProperty("fields").GetProperty("labels").EnumerateArray().Select(l => l.GetString());
        Assert.Contains("chatopsbot:INC-1/action-1", labels);
        var exported = Assert.Single(events, e => e.GetProperty("type").GetString() == "ActionItemExported");
        Assert.Equal("OPS-12", exported.GetProperty("issueKey").GetString());
        var search = _jira.Bodies("/rest/api/3/search/jql")[^1];
        Assert.Equal("project = \"OPS\" AND labels in (\"chatopsbot:INC-1/action-1\")", search.GetProperty("jql").GetString());
    }

    /// <summary>
    /// The jira:issue_updated shape of Jira Cloud's webhook docs (developer.atlassian.com/cloud/jira/platform/webhooks:
    /// timestamp, webhookEvent, issue_event_type_name, user, issue with fields.status.statusCategory, changelog).
    /// </summary>
    private static byte[] IssueUpdated(string key) => Encoding.UTF8.GetBytes($$"""
        {
          "timestamp": 1767225600000,
          "webhookEvent": "jira:issue_updated",
          "issue_event_type_name": "issue_generic",
          "user": { "accountId": "5b10a2844c20165700ede21g", "displayName": "Mia Krystof", "active": true },
          "issue": {
            "id": "10012",
            "self": "https://acme.atlassian.net/rest/api/3/issue/10012",
            "key": "{{key}}",
            "fields": {
              "summary": "[INC-1] Add a circuit breaker",
              "status": { "name": "Done", "id": "10002", "statusCategory": { "id": 3, "key": "done", "name": "Done" } }
            }
          },
          "changelog": { "id": "10100", "items": [ { "field": "status", "fieldtype": "jira", "from": "10001", "fromString": "In Progress", "to": "10002", "toString": "Done" } ] }
        }
        """);

    private async Task<HttpResponseMessage> PostAsync(byte[] body, string signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/jira") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add(JiraIssueWebhook.SignatureHeader, signature);
        return await _api.Http.SendAsync(request);
    }

    public void Dispose()
    {
        _app.Dispose();
        _jira.Dispose();
    }
}
