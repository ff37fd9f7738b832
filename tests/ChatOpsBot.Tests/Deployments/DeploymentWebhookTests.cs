using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ChatOpsBot.Tests.Support;
using ChatOpsBot.Tests.Webhooks;
using ChatOpsBot.Webhooks;

namespace ChatOpsBot.Tests.Deployments;

/// <summary>POST /webhooks/deployments on the real host: CI's generic body and GitHub's deployment_status, then "what changed?".</summary>
public sealed class DeploymentWebhookTests : IDisposable
{
    private const string CiToken = "ci-token-0123456789abcdef";
    private const string CiSecret = "ci-secret-0123456789abcdef";
    private const string GitHubSecret = "gh-secret-0123456789abcdef";

    private readonly BotFactory _bot = new(WebhookSettings.All(
        ("Webhooks:Deployments:BearerToken", CiToken),
        ("Webhooks:Deployments:Secret", CiSecret),
        ("Webhooks:GitHub:Secret", GitHubSecret)));

    private readonly HttpClient _http;
    private readonly ConsoleApiClient _console;

    public DeploymentWebhookTests()
    {
        _http = _bot.CreateClient();
        _console = new ConsoleApiClient(_http);
    }

    public void Dispose() => _bot.Dispose();

    // The host runs on the system clock, so the deploys' times are relative to it.
    private static DateTimeOffset Now => TimeProvider.System.GetUtcNow();

    [Fact]
    public async Task GitHubsDocumentedDeploymentStatusIsStoredOnceWithItsFields()
    {
        using var first = await PostGitHubAsync(GitHubPayloads.DeploymentStatusSuccess);
        using var redelivered = await PostGitHubAsync(GitHubPayloads.DeploymentStatusSuccess);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, redelivered.StatusCode);
        var id = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        Assert.Equal("duplicate", (await redelivered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());

        var change = await _http.GetFromJsonAsync<JsonElement>($"/api/changes/{id}");
        Assert.Equal("github:Codertocat/Hello-World:145988746", change.GetProperty("providerId").GetString());
        Assert.Equal("Hello-World", change.GetProperty("service").GetString());
        Assert.Equal("production", change.GetProperty("environment").GetString());
        Assert.Equal("master", change.GetProperty("version").GetString());
        Assert.Equal("succeeded", change.GetProperty("status").GetString());
        Assert.Equal("f95f852bd8fca8fcc58a9a2d6c842781e32a215e", change.GetProperty("commitSha").GetString());
        Assert.Equal(new DateTimeOffset(2019, 5, 15, 15, 20, 55, TimeSpan.Zero), change.GetProperty("finishedAt").GetDateTimeOffset());
        Assert.Equal("Codertocat", change.GetProperty("author").GetString());
        Assert.Equal("https://api.github.com/repos/Codertocat/Hello-World/deployments/145988746", change.GetProperty("url").GetString());
    }

    [Fact]
    public async Task AGitHubDeliveryWithAWrongSignatureOrAnUnfinishedStateStoresNothing()
    {
        using var unsigned = await PostGitHubAsync(GitHubPayloads.DeploymentStatusSuccess, signature: "sha256=" + new string('0', 64));
        using var pending = await PostGitHubAsync(GitHubPayloads.WithState("in_progress"));
        using var ping = await PostGitHubAsync("{\"zen\":\"Keep it logically awesome.\"}", gitHubEvent: "ping");

        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, pending.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
        Assert.Empty(await ChangesAsync(days: 400));
    }

    [Fact]
    public async Task AGenericDeployWithABearerTokenOrAnHmacIsStoredOnce()
    {
        var body = Generic(service: "checkout", finishedAt: Now.AddMinutes(-10));

        using var first = await PostCiAsync(body);
        using var retry = await PostCiAsync(body, hmac: true);
        using var other = await PostCiAsync(Generic(service: "search", finishedAt: Now.AddMinutes(-5)), hmac: true);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        var changes = await ChangesAsync();
        Assert.Equal(["checkout", "search"], changes.Select(c => c.GetProperty("service").GetString()));
        Assert.Equal(TimeSpan.FromHours(2), changes[0].GetProperty("finishedAt").GetDateTimeOffset() - changes[0].GetProperty("commitAt").GetDateTimeOffset());
    }

    [Theory]
    [InlineData("""{"service":"checkout","finishedat":"2025-11-26T09:30:00Z"}""", "Unknown field \"finishedat\"")]
    [InlineData("""{"environment":"production","version":"1.2.3"}""", "service is required")]
    [InlineData("""{"service":"checkout","finishedAt":"1999-12-31T23:59:59Z"}""", "before 2000")]
    [InlineData("""{"service":"checkout","finishedAt":"yesterday"}""", "ISO 8601")]
    [InlineData("""{"service":"checkout","status":"maybe"}""", "not one of success, failure, error")]
    [InlineData("""{"service":"checkout","url":"javascript:alert(1)"}""", "absolute http(s) URL")]
    [InlineData("""{"service":{"name":"checkout"}}""", "service must be a string")]
    [InlineData("""[1,2]""", "one JSON object")]
    [InlineData("""not json""", "not JSON")]
    public async Task BadInputIsA400WithAClearMessageAndStoresNothing(string body, string message)
    {
        using var response = await PostCiAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await ChangesAsync(days: 400));
    }

    [Fact]
    public async Task AFinishTimeInTheFutureIsCorrectedToTheTimeReceivedWithANote()
    {
        var before = Now;
        using var response = await PostCiAsync(Generic(service: "checkout", finishedAt: Now.AddDays(30)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var notes = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("notes").EnumerateArray().Select(n => n.GetString()).ToList();
        Assert.Contains(notes, n => n!.Contains("was in the future", StringComparison.Ordinal));
        var stored = Assert.Single(await ChangesAsync());
        Assert.InRange(stored.GetProperty("finishedAt").GetDateTimeOffset(), before, Now);
    }

    [Fact]
    public async Task AWrongOrMissingCiCredentialIsRefusedAndStoresNothing()
    {
        var body = Generic(service: "checkout", finishedAt: Now);
        using var none = await _http.PostAsync("/webhooks/deployments", Json(body));
        var wrong = new HttpRequestMessage(HttpMethod.Post, "/webhooks/deployments") { Content = Json(body) };
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-token-0123456789");
        using var wrongResponse = await _http.SendAsync(wrong);

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongResponse.StatusCode);
        Assert.Empty(await ChangesAsync());
    }

    [Fact]
    public async Task WithoutCredentialsTheEndpointIsOff()
    {
        using var bot = new BotFactory();
        using var response = await bot.CreateClient().PostAsync("/webhooks/deployments", Json(Generic("checkout", Now)));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task TheKickoffOfAnAlertForAServiceShowsItsDeploysFirstThenTheOthersWithLinks()
    {
        var now = Now;
        using var gitHub = await PostGitHubAsync(GitHubPayloads.DeploymentStatusAt(now.AddMinutes(-3)));
        using var checkout = await PostCiAsync(Generic(service: "checkout", finishedAt: now.AddMinutes(-40)));
        using var old = await PostCiAsync(Generic(service: "checkout", finishedAt: now.AddHours(-5)));
        var gitHubId = (await gitHub.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var checkoutId = (await checkout.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        // The captured Alertmanager group carries service=checkout.
        var alert = new HttpRequestMessage(HttpMethod.Post, "/webhooks/alertmanager") { Content = Json(CapturedPayloads.AlertmanagerFiring) };
        alert.Headers.Authorization = new AuthenticationHeaderValue("Bearer", WebhookSettings.Token);
        (await _http.SendAsync(alert)).EnsureSuccessStatusCode();

        var kickoff = (await Eventually.Get(() => ChannelMessagesAsync("inc-1-checkout-p99-latency-over-2s"), m => m.Count > 0, "the kick-off"))[0];
        var changed = kickoff.Rich!.Fields.Single(f => f.Label == "What changed (last 4 h)").Value.Split('\n');
        Assert.Equal(2, changed.Length);
        Assert.StartsWith($"`{checkoutId}` checkout 1.4.2 to production by alice, 40 min before", changed[0], StringComparison.Ordinal);
        Assert.StartsWith($"`{gitHubId}` Hello-World master to production by Codertocat, 3 min before", changed[1], StringComparison.Ordinal);
        Assert.Contains(kickoff.Rich.Links, l => l.Label == $"Deploy {checkoutId}" && l.Url == "https://ci.example.com/checkout/builds/40");
        Assert.Contains(kickoff.Rich.Links, l => l.Label == $"Deploy {gitHubId}" && l.Url.EndsWith("/deployments/145988746", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ResponderNamesAServiceListsTheChangesAndTagsOneAsTheCauseOnTheTimeline()
    {
        var now = Now;
        using var gitHub = await PostGitHubAsync(GitHubPayloads.DeploymentStatusAt(now.AddMinutes(-3)));
        using var checkout = await PostCiAsync(Generic(service: "checkout", finishedAt: now.AddMinutes(-1)));
        var gitHubId = (await gitHub.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await _console.SayExpectingOneReplyAsync("alice", "general", "/incident declare sev2 Greetings are failing");

        var tagged = await _console.SayExpectingOneReplyAsync("alice", "general", "/incident INC-1 service Hello-World");
        var listed = await _console.SayExpectingOneReplyAsync("alice", "general", "/incident INC-1 changes");
        var cause = await _console.SayExpectingOneReplyAsync("alice", "general",
            "/incident INC-1 change https://api.github.com/repos/Codertocat/Hello-World/deployments/145988746");

        Assert.Contains("INC-1 affects Hello-World", tagged, StringComparison.Ordinal);
        var lines = listed.Split('\n');
        Assert.Contains("2 deploys; Hello-World first", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"• `{gitHubId}` Hello-World master", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("• `chg-", lines[2], StringComparison.Ordinal);
        Assert.Contains($"caused by deploy {gitHubId}: Hello-World master to production by Codertocat", cause, StringComparison.Ordinal);
        var events = await _console.EventsAsync(1);
        Assert.Contains(events, e => e.GetProperty("type").GetString() == "ServiceTagged" && e.GetProperty("service").GetString() == "Hello-World");
        Assert.Contains(events, e => e.GetProperty("type").GetString() == "ChangeLinked" && e.GetProperty("change").GetString() == gitHubId);
    }

    private static string Generic(string service, DateTimeOffset finishedAt) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["service"] = service,
        ["environment"] = "production",
        ["version"] = "1.4.2",
        ["status"] = "success",
        ["startedAt"] = finishedAt.AddMinutes(-3),
        ["finishedAt"] = finishedAt,
        ["commitSha"] = "a1b2c3d",
        ["commitAt"] = finishedAt.AddHours(-2),
        ["url"] = $"https://ci.example.com/{service}/builds/40",
        ["author"] = "alice",
    });

    private Task<HttpResponseMessage> PostCiAsync(string body, bool hmac = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/deployments") { Content = Json(body) };
        if (hmac)
        {
            request.Headers.Add(WebhookAuth.SignatureHeader, WebhookAuth.Sign(Encoding.UTF8.GetBytes(body), CiSecret));
        }
        else
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", CiToken);
        }

        return _http.SendAsync(request);
    }

    private Task<HttpResponseMessage> PostGitHubAsync(string body, string? signature = null, string gitHubEvent = "deployment_status")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/deployments") { Content = Json(body) };
        request.Headers.Add("X-GitHub-Event", gitHubEvent);
        request.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());
        request.Headers.Add("X-Hub-Signature-256", signature ?? WebhookAuth.Sign(Encoding.UTF8.GetBytes(body), GitHubSecret));
        return _http.SendAsync(request);
    }

    private async Task<List<JsonElement>> ChangesAsync(int days = 7) => (await _http.GetFromJsonAsync<List<JsonElement>>($"/api/changes?days={days}"))!;

    private async Task<List<ChatOpsBot.Console.MessageDto>> ChannelMessagesAsync(string channel) =>
        (await _console.ChannelsAsync()).Any(c => c.Name == channel) ? await _console.MessagesAsync(channel) : [];

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
