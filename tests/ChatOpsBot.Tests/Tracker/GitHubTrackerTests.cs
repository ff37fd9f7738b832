using System.Net;
using System.Text;
using System.Text.Json;
using ChatOpsBot.Tests.Support;
using ChatOpsBot.Tracker;

namespace ChatOpsBot.Tests.Tracker;

/// <summary>Action items to GitHub issues through Octokit over real HTTP (WireMock as api.github.com), on the console platform.</summary>
public sealed class GitHubTrackerTests : IDisposable
{
    private const string WebhookSecret = "github-webhook-secret-1";
    private const string Channel = "inc-1-checkout-is-down";

    private readonly FakeTrackers _github = new();
    private readonly BotFactory _app;
    private readonly ConsoleApiClient _api;

    public GitHubTrackerTests()
    {
        _app = new BotFactory(new Dictionary<string, string?>
        {
            ["Tracker:GitHub:Repository"] = "acme/web",
            ["Tracker:GitHub:Token"] = "ghp_testtoken0123456789",
            ["Tracker:GitHub:ApiUrl"] = _github.Url,
            ["Tracker:GitHub:WebhookSecret"] = WebhookSecret,
            ["Web:PublicUrl"] = "https://bot.example.com/",
            ["Tracker:ExportOnClose"] = "true",
            ["Tracker:RetryInterval"] = "00:00:01",
        });
        _api = new ConsoleApiClient(_app.CreateClient());
    }

    [Fact]
    public async Task ExportFilesOneIssuePerActionItemWithLinkAndOwnerAndNeverTheSameItemTwice()
    {
        await DeclareWithItemsAsync();

        var reply = await _api.SayExpectingOneReplyAsync("alice", Channel, "/incident action export");

        Assert.Contains("Filing 2 action item(s) of INC-1 in GitHub acme/web", reply, StringComparison.Ordinal);
        await WaitForAsync("ActionItemExported", 2);
        var issues = _github.Bodies("/repos/acme/web/issues");
        Assert.Equal(["[INC-1] Add a circuit breaker", "[INC-1] Alert on p99 latency"], issues.Select(i => i.GetProperty("title").GetString()).Order());
        var withOwner = issues.Single(i => i.GetProperty("title").GetString() == "[INC-1] Add a circuit breaker").GetProperty("body").GetString()!;
        Assert.Contains("Owner: @bob", withOwner, StringComparison.Ordinal);
        Assert.Contains("Incident: https://bot.example.com/incidents/1", withOwner, StringComparison.Ordinal);
        Assert.All(_github.Calls("/repos/acme/web/issues"), c => Assert.Contains("ghp_testtoken0123456789", c.RequestMessage.Headers!["Authorization"].Single(), StringComparison.Ordinal));
        var exported = (await _api.EventsAsync(1)).Where(e => e.GetProperty("type").GetString() == "ActionItemExported").ToList();
        Assert.Equal(["acme/web#12", "acme/web#13"], exported.Select(e => e.GetProperty("issueKey").GetString()).Order());
        await Eventually.Get(() => _api.MessagesAsync(Channel), m => m.Count(x => x.Text.StartsWith("🎫 Action item #", StringComparison.Ordinal)) == 2, "the issue links in the channel");

        Assert.Contains("already filed", await _api.SayExpectingOneReplyAsync("alice", Channel, "/incident action export"), StringComparison.Ordinal);
        await _api.SayAsync("alice", Channel, "/incident action Write the runbook");
        await _api.SayAsync("alice", Channel, "/incident action export");
        await WaitForAsync("ActionItemExported", 3);
        Assert.Equal(3, _github.Calls("/repos/acme/web/issues").Count);
    }

    [Fact]
    public async Task ClosingTheIssueInGitHubMarksTheActionItemDoneAndAWrongSignatureIsRefused()
    {
        await DeclareWithItemsAsync();
        await _api.SayAsync("alice", Channel, "/incident action export");
        await WaitForAsync("ActionItemExported", 2);
        var body = IssueClosed(12);

        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(body, "sha256=00")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(body, null)).StatusCode);
        Assert.DoesNotContain(await _api.EventsAsync(1), e => e.GetProperty("type").GetString() == "ActionItemClosedInTracker");

        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(body, TrackedItems.Sign(body, WebhookSecret))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(body, TrackedItems.Sign(body, WebhookSecret))).StatusCode); // a redelivery

        var done = Assert.Single(await _api.EventsAsync(1), e => e.GetProperty("type").GetString() == "ActionItemClosedInTracker");
        Assert.Equal("acme/web#12", done.GetProperty("issueKey").GetString());
        Assert.Equal("github:Codertocat", done.GetProperty("actor").GetProperty("id").GetString());
        var other = IssueClosed(999);
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(other, TrackedItems.Sign(other, WebhookSecret))).StatusCode);
        Assert.Single(await _api.EventsAsync(1), e => e.GetProperty("type").GetString() == "ActionItemClosedInTracker");
    }

    [Fact]
    public async Task ClosingTheIncidentFilesItsItemsWhenExportOnCloseIsSet()
    {
        await DeclareWithItemsAsync();

        await _api.SayAsync("alice", Channel, "/incident resolve");
        await _api.SayAsync("alice", Channel, "/incident close");

        await WaitForAsync("ActionItemExported", 2);
        var request = Assert.Single(await _api.EventsAsync(1), e => e.GetProperty("type").GetString() == "ActionItemsExportRequested");
        Assert.Equal("chatopsbot", request.GetProperty("actor").GetProperty("id").GetString());
        Assert.Equal(2, _github.Calls("/repos/acme/web/issues").Count);
    }

    [Fact]
    public async Task AGitHubErrorIsToldInTheChannelOnceAndTheItemIsFiledOnceItRecovers()
    {
        await DeclareWithItemsAsync(items: 1);
        _github.Fail("/repos/acme/web/issues", 401, """{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest"}""");

        await _api.SayAsync("alice", Channel, "/incident action export");
        await Eventually.Get(() => Task.FromResult(_github.Calls("/repos/acme/web/issues")), c => c.Count >= 2, "the export to be retried");
        _github.Recover();
        await WaitForAsync("ActionItemExported", 1);

        var events = await _api.EventsAsync(1);
        var failed = Assert.Single(events, e => e.GetProperty("type").GetString() == "ActionItemExportFailed");
        Assert.Equal("GitHub answered HTTP 401: Bad credentials", failed.GetProperty("error").GetString());
        var messages = await Eventually.Get(() => _api.MessagesAsync(Channel), m => m.Any(x => x.Text.StartsWith("🎫", StringComparison.Ordinal)), "the issue link");
        Assert.Single(messages, m => m.Text.Contains("Filing action item #1 in GitHub failed (GitHub answered HTTP 401: Bad credentials)", StringComparison.Ordinal));
        Assert.DoesNotContain(messages, m => m.Text.Contains("ghp_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnIssueGitHubCreatedWhoseAnswerWasLostIsFoundByItsMarkerAndAdoptedNotFiledAgain()
    {
        await DeclareWithItemsAsync(items: 1);
        _github.CreateButLoseTheAnswer(FakeTrackers.GitHubIssues);

        await _api.SayAsync("alice", Channel, "/incident action export");
        await WaitForAsync("ActionItemExportFailed", 1);
        _github.Recover();
        var events = await WaitForAsync("ActionItemExported", 1);

        var create = Assert.Single(_github.Creates(FakeTrackers.GitHubIssues));
        Assert.Contains("Filed by ChatOpsBot (chatopsbot:INC-1/action-1)", JsonDocument.Parse(create.RequestMessage.Body!).RootElement.GetProperty("body").GetString(), StringComparison.Ordinal);
        var exported = Assert.Single(events, e => e.GetProperty("type").GetString() == "ActionItemExported");
        Assert.Equal(("acme/web#12", "https://github.com/acme/web/issues/12"), (exported.GetProperty("issueKey").GetString(), exported.GetProperty("issueUrl").GetString()));
        var searches = _github.Calls("/search/issues");
        Assert.True(searches.Count >= 2, "a search before each attempt");
        Assert.All(searches, s => Assert.Equal(["\"chatopsbot:INC-1/action-\"", "in:body", "repo:acme/web", "type:issue"],
            s.RequestMessage.Query!["q"].Single().Split(' ', '+').Order(StringComparer.Ordinal)));
        await Eventually.Get(() => _api.MessagesAsync(Channel), m => m.Any(x => x.Text.StartsWith("🎫 Action item #1 is acme/web#12", StringComparison.Ordinal)), "the adopted issue in the channel");
    }

    [Fact]
    public async Task ExportWithoutActionItemsSaysSoAndFilesNothing()
    {
        await _api.SayAsync("alice", "general", "/incident declare sev2 Checkout is down");

        var reply = await _api.SayExpectingOneReplyAsync("alice", "general", "/incident INC-1 action export");

        Assert.Contains("has no action items", reply, StringComparison.Ordinal);
        Assert.DoesNotContain(await _api.EventsAsync(1), e => e.GetProperty("type").GetString() == "ActionItemsExportRequested");
    }

    [Fact]
    public void BadTrackerSettingsNameTheKeyAndNeverEchoTheToken()
    {
        var result = new TrackerOptionsValidator().Validate(null, new TrackerOptions
        {
            GitHub = new GitHubTrackerOptions { Repository = "not a repo", Token = "" },
        });

        Assert.Contains("Tracker:GitHub:Repository", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Tracker:GitHub:Token", result.FailureMessage, StringComparison.Ordinal);
    }

    private async Task DeclareWithItemsAsync(int items = 2)
    {
        await _api.SayAsync("alice", "general", "/incident declare sev2 Checkout is down");
        // After the kick-off, so the channel is the incident's and every later event earns its own message.
        await Eventually.Get(() => _api.EventsAsync(1), e => e.Any(x => x.GetProperty("type").GetString() == "KickoffPosted"), "the kick-off");
        await _api.SayAsync("alice", Channel, "/incident action Add a circuit breaker @bob");
        if (items > 1)
        {
            await _api.SayAsync("alice", Channel, "/incident action Alert on p99 latency");
        }
    }

    /// <summary>
    /// octokit/webhooks payload-examples/api.github.com/issues/reopened.payload.json, trimmed, as the "closed" action it
    /// documents with the same issue shape: the issue is acme/web#number and closed as completed.
    /// </summary>
    private static byte[] IssueClosed(int number) => Encoding.UTF8.GetBytes($$"""
        {
          "action": "closed",
          "issue": {
            "url": "https://api.github.com/repos/acme/web/issues/{{number}}",
            "html_url": "https://github.com/acme/web/issues/{{number}}",
            "id": 444500041,
            "node_id": "MDU6SXNzdWU0NDQ1MDAwNDE=",
            "number": {{number}},
            "title": "[INC-1] Add a circuit breaker",
            "user": { "login": "Codertocat", "id": 21031067, "type": "User", "site_admin": false },
            "labels": [],
            "state": "closed",
            "state_reason": "completed",
            "locked": false,
            "comments": 0,
            "created_at": "2021-07-05T18:05:24Z",
            "updated_at": "2021-10-11T16:40:56Z",
            "closed_at": "2021-10-11T16:40:56Z",
            "author_association": "OWNER",
            "body": ""
          },
          "repository": { "id": 186853002, "node_id": "MDEwOlJlcG9zaXRvcnkxODY4NTMwMDI=", "name": "web", "full_name": "acme/web", "private": false },
          "sender": { "login": "Codertocat", "id": 21031067, "type": "User", "site_admin": false },
          "installation": { "id": 1, "node_id": "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==" }
        }
        """);

    private async Task<HttpResponseMessage> PostAsync(byte[] body, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/github") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-GitHub-Event", "issues");
        request.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());
        if (signature is not null)
        {
            request.Headers.Add(GitHubIssuesWebhook.SignatureHeader, signature);
        }

        return await _api.Http.SendAsync(request);
    }

    private Task<List<JsonElement>> WaitForAsync(string type, int count) =>
        Eventually.Get(() => _api.EventsAsync(1), e => e.Count(x => x.GetProperty("type").GetString() == type) >= count, $"{count} {type} event(s)");

    public void Dispose()
    {
        _app.Dispose();
        _github.Dispose();
    }
}
