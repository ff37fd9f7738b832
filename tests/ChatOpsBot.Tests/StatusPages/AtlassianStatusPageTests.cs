using System.Text.Json;
using ChatOpsBot.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ChatOpsBot.Tests.StatusPages;

/// <summary>The Atlassian Statuspage over real HTTP (WireMock as api.statuspage.io/v1), on the console platform.</summary>
public sealed class AtlassianStatusPageTests : IDisposable
{
    private const string ApiKey = "statuspage-api-key-0123";
    private static readonly Guid FailureMapping = Guid.Parse("6c0f8d1e-0000-4000-8000-00000000fa13");

    private readonly WireMockServer _statuspage = WireMockServer.Start();
    private readonly BotFactory _app;
    private readonly ConsoleApiClient _api;

    public AtlassianStatusPageTests()
    {
        // The fields of Statuspage's documented incident object that the bot reads (id, shortlink).
        _statuspage.Given(Request.Create().WithPath("/v1/pages/kctbh9vrtdwd/incidents*").UsingAnyMethod()).AtPriority(100)
            .RespondWith(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json")
                .WithBody("""{"id":"p31zjtct2jer","name":"Checkout is down","status":"investigating","impact":"critical","shortlink":"http://stspg.io/p31zjtct2jer","page_id":"kctbh9vrtdwd"}"""));
        _app = new BotFactory(new Dictionary<string, string?>
        {
            ["StatusPage:Atlassian:PageId"] = "kctbh9vrtdwd",
            ["StatusPage:Atlassian:ApiKey"] = ApiKey,
            ["StatusPage:Atlassian:ApiUrl"] = _statuspage.Urls[0] + "/v1/",
            ["StatusPage:RetryInterval"] = "00:00:01",
        });
        _api = new ConsoleApiClient(_app.CreateClient());
    }

    [Fact]
    public async Task APublicSev1GoesOutItsPublicUpdatesFollowInternalOnesDoNotAndResolvingResolvesIt()
    {
        await _api.SayAsync("alice", "general", "/incident declare sev1 Checkout is down");
        var created = Assert.Single(await Eventually.Get(() => Task.FromResult(Bodies("POST")), c => c.Count > 0, "the status page incident")).GetProperty("incident");
        Assert.Equal(("Checkout is down", "investigating", "critical"),
            (created.GetProperty("name").GetString(), created.GetProperty("status").GetString(), created.GetProperty("impact_override").GetString()));
        Assert.All(_statuspage.LogEntries, e => Assert.Equal($"OAuth {ApiKey}", e.RequestMessage.Headers!["Authorization"].Single()));

        await _api.SayAsync("alice", "general", "/incident INC-1 update Internal: the db primary failed over to the wrong zone");
        await _api.SayAsync("alice", "general", "/incident INC-1 status identified");
        var reply = await _api.SayExpectingOneReplyAsync("alice", "general", "/incident INC-1 update public We have found the cause and are fixing it.");
        Assert.Contains("Public status update posted", reply, StringComparison.Ordinal);

        var update = Assert.Single(await Eventually.Get(() => Task.FromResult(Bodies("PATCH")), c => c.Count > 0, "the public update")).GetProperty("incident");
        Assert.Equal(("identified", "We have found the cause and are fixing it."), (update.GetProperty("status").GetString(), update.GetProperty("body").GetString()));

        await _api.SayAsync("alice", "general", "/incident INC-1 resolve the failover is reverted");
        var patches = await Eventually.Get(() => Task.FromResult(Bodies("PATCH")), c => c.Count == 2, "the resolve");
        Assert.Equal("resolved", patches[1].GetProperty("incident").GetProperty("status").GetString());
        Assert.DoesNotContain(_statuspage.LogEntries, e => e.RequestMessage.Body!.Contains("Internal", StringComparison.Ordinal) || e.RequestMessage.Body.Contains("reverted", StringComparison.Ordinal));
        Assert.Single(Bodies("POST"));
        await Eventually.Get(() => _api.MessagesAsync("inc-1-checkout-is-down"), m => m.Any(x => x.Text.Contains("on the public status page: http://stspg.io/p31zjtct2jer", StringComparison.Ordinal)), "the page's link in the channel");
    }

    [Fact]
    public async Task APrivateIncidentNeverGoesOutAndCannotBeGivenAPublicUpdate()
    {
        await _api.SayAsync("alice", "general", "/incident declare sev1 private Payroll export leaked");
        var refused = await _api.SayExpectingOneReplyAsync("alice", "general", "/incident INC-1 update public Everything is fine");
        Assert.Contains("private", refused, StringComparison.Ordinal);

        // The worker takes incidents in order, so once INC-2 is out INC-1 has been looked at.
        await _api.SayAsync("alice", "general", "/incident declare sev1 Checkout is down");
        await Eventually.Get(() => Task.FromResult(Bodies("POST")), c => c.Count > 0, "INC-2 on the status page");

        var only = Assert.Single(Bodies("POST"));
        Assert.Equal("Checkout is down", only.GetProperty("incident").GetProperty("name").GetString());
        Assert.DoesNotContain(_statuspage.LogEntries, e => e.RequestMessage.Body!.Contains("Payroll", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OnlyTheCommanderMakesAnUpdatePublicAndASev3StaysOffThePage()
    {
        await _api.SayAsync("alice", "general", "/incident declare sev3 Search is slow");

        var refused = await _api.SayExpectingOneReplyAsync("bob", "general", "/incident INC-1 update public We are on it");

        Assert.Contains("Only the incident commander (@alice)", refused, StringComparison.Ordinal);
        Assert.DoesNotContain(await _api.EventsAsync(1), e => e.GetProperty("type").GetString() is "StatusUpdatePosted" or "PublicUpdatePosted");
    }

    [Fact]
    public async Task AStatusPageErrorIsToldInTheChannelOnceAndTheIncidentIsCreatedOnceItRecovers()
    {
        _statuspage.Given(Request.Create().WithPath("/v1/pages/kctbh9vrtdwd/incidents")).AtPriority(1).WithGuid(FailureMapping)
            .RespondWith(Response.Create().WithStatusCode(401).WithHeader("Content-Type", "application/json").WithBody("""{"error":"Could not authenticate"}"""));

        await _api.SayAsync("alice", "general", "/incident declare sev1 Checkout is down");
        await Eventually.Get(() => Task.FromResult(Bodies("POST")), c => c.Count >= 2, "the create to be retried");
        _statuspage.DeleteMapping(FailureMapping);
        await Eventually.Get(() => _api.EventsAsync(1), e => e.Any(x => x.GetProperty("type").GetString() == "StatusPageIncidentCreated"), "the status page incident");

        var failed = Assert.Single(await _api.EventsAsync(1), e => e.GetProperty("type").GetString() == "StatusPageFailed");
        Assert.Equal("Statuspage answered HTTP 401: Could not authenticate", failed.GetProperty("error").GetString());
        var messages = await Eventually.Get(() => _api.MessagesAsync("inc-1-checkout-is-down"), m => m.Any(x => x.Text.Contains("public status page:", StringComparison.Ordinal)), "the link");
        Assert.Single(messages, m => m.Text.Contains("Updating the Atlassian Statuspage status page failed", StringComparison.Ordinal));
    }

    private List<JsonElement> Bodies(string method) =>
        [.. _statuspage.LogEntries.Where(e => e.RequestMessage.Method == method).OrderBy(e => e.RequestMessage.DateTime)
            .Select(e => JsonDocument.Parse(e.RequestMessage.Body!).RootElement.Clone())];

    public void Dispose()
    {
        _app.Dispose();
        _statuspage.Stop();
    }
}
