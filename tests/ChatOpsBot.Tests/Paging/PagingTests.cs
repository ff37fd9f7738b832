using System.Net;
using System.Text;
using System.Text.Json;
using ChatOpsBot.Paging;
using ChatOpsBot.Tests.Support;

namespace ChatOpsBot.Tests.Paging;

/// <summary>Paging the on-call through PagerDuty over real HTTP (WireMock as events.pagerduty.com), on the console platform.</summary>
public sealed class PagingTests : IDisposable
{
    private const string WebhookSecret = "pagerduty-webhook-secret-1";

    private readonly FakePagers _pagers = new();
    private readonly BotFactory _app;
    private readonly ConsoleApiClient _api;

    public PagingTests()
    {
        _app = new BotFactory(new Dictionary<string, string?>
        {
            ["Paging:PagerDuty:RoutingKey"] = FakePagers.RoutingKey,
            ["Paging:PagerDuty:RoutingKeys:db-team"] = FakePagers.DatabaseRoutingKey,
            ["Paging:PagerDuty:EventsUrl"] = _pagers.Url,
            ["Paging:PagerDuty:WebhookSecret"] = WebhookSecret,
            ["Web:PublicUrl"] = "https://bot.example.com/",
            ["Paging:RetryInterval"] = "00:00:01",
            ["Paging:RetryDelay"] = "00:00:00.010",
        });
        _api = new ConsoleApiClient(_app.CreateClient());
    }

    [Fact]
    public async Task ASev1PagesOnceWithTheIncidentKeyTitleSeverityAndLinkAndResolvingResolvesThePage()
    {
        await _api.SayAsync("alice", "general", "/incident declare sev1 Checkout is down");

        await WaitForEventAsync("Paged");
        var trigger = Assert.Single(_pagers.PagerDutyEvents("trigger"));
        Assert.Equal(FakePagers.RoutingKey, trigger.GetProperty("routing_key").GetString());
        Assert.Equal("INC-1", trigger.GetProperty("dedup_key").GetString());
        var payload = trigger.GetProperty("payload");
        Assert.Equal("INC-1 SEV1: Checkout is down", payload.GetProperty("summary").GetString());
        Assert.Equal("critical", payload.GetProperty("severity").GetString());
        Assert.Equal("https://bot.example.com/incidents/1", trigger.GetProperty("links")[0].GetProperty("href").GetString());
        var paged = (await _api.EventsAsync(1)).Single(e => e.GetProperty("type").GetString() == "Paged");
        Assert.Equal("INC-1", paged.GetProperty("providerId").GetString());
        await Eventually.Get(() => _api.MessagesAsync("inc-1-checkout-is-down"), m => m.Any(x => x.Text.Contains("Page #1 is out via PagerDuty", StringComparison.Ordinal)), "the page in the channel");

        await _api.SayAsync("alice", "inc-1-checkout-is-down", "/incident resolve fixed the config");

        await WaitForEventAsync("PageResolved");
        var resolve = Assert.Single(_pagers.PagerDutyEvents("resolve"));
        Assert.Equal("INC-1", resolve.GetProperty("dedup_key").GetString());
        Assert.Single(_pagers.PagerDutyEvents("trigger"));
    }

    [Fact]
    public async Task ASev2IsNotPagedButPageNamesATeamWithItsOwnRoutingKey()
    {
        await _api.SayAsync("alice", "general", "/incident declare sev2 Search is slow");

        var reply = await _api.SayExpectingOneReplyAsync("alice", "general", "/incident INC-1 page db-team replica lag is 40 minutes");

        Assert.Contains("Paging db-team", reply, StringComparison.Ordinal);
        await WaitForEventAsync("Paged");
        var trigger = Assert.Single(_pagers.PagerDutyEvents("trigger")); // only the command's: sev2 does not page at declare
        Assert.Equal(FakePagers.DatabaseRoutingKey, trigger.GetProperty("routing_key").GetString());
        Assert.Equal("INC-1:db-team", trigger.GetProperty("dedup_key").GetString());
        Assert.Equal("INC-1 SEV2: Search is slow — replica lag is 40 minutes", trigger.GetProperty("payload").GetProperty("summary").GetString());
        var requested = (await _api.EventsAsync(1)).Single(e => e.GetProperty("type").GetString() == "PageRequested");
        Assert.Equal("alice", requested.GetProperty("actor").GetProperty("id").GetString());

        var again = await _api.SayExpectingOneReplyAsync("alice", "general", "/incident INC-1 page db-team");
        Assert.Contains("already paged", again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARefusedPageIsToldInTheChannelOnceAndRetriedUntilItIsOut()
    {
        // PagerDuty's documented 400 answer for a bad event (events-API-v2/01-Overview.md: 400 is not retried by the sender).
        _pagers.FailPagerDuty(400, """{"status":"invalid event","message":"Event object is invalid","errors":["Length of 'routing_key' is incorrect (should be 32 characters)"]}""");
        await _api.SayAsync("alice", "general", "/incident declare sev1 Checkout is down");

        await Eventually.Get(() => Task.FromResult(_pagers.PagerDutyEvents()), e => e.Count >= 3, "the page to be retried after failing");
        _pagers.Recover();
        await WaitForEventAsync("Paged");

        var events = await _api.EventsAsync(1);
        var failed = Assert.Single(events, e => e.GetProperty("type").GetString() == "PageFailed");
        Assert.Contains("HTTP 400: Event object is invalid", failed.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Single(events, e => e.GetProperty("type").GetString() == "Paged");
        var messages = await Eventually.Get(() => _api.MessagesAsync("inc-1-checkout-is-down"), m => m.Any(x => x.Text.Contains("Page #1 is out", StringComparison.Ordinal)), "the page in the channel");
        Assert.Single(messages, m => m.Text.Contains("Paging via PagerDuty failed (PagerDuty answered HTTP 400: Event object is invalid", StringComparison.Ordinal));
        Assert.Equal("investigating", (await _api.IncidentAsync(1)).GetProperty("status").GetString()); // the incident itself is unaffected
    }

    [Fact]
    public async Task ASignedAcknowledgementGoesOnTheTimelineOnceAsTheResponder()
    {
        await _api.SayAsync("alice", "general", "/incident declare sev1 Checkout is down");
        await WaitForEventAsync("Paged");

        var body = Acknowledged("INC-1");
        Assert.Equal(HttpStatusCode.Accepted, (await PostWebhookAsync(body, PagerDutySignature.Sign(body, WebhookSecret), "delivery-1")).StatusCode);
        // Rotation: the second value is the current secret's.
        Assert.Equal(HttpStatusCode.Accepted, (await PostWebhookAsync(body, "v1=00ff," + PagerDutySignature.Sign(body, WebhookSecret), "delivery-1")).StatusCode);

        var ack = Assert.Single(await _api.EventsAsync(1), e => e.GetProperty("type").GetString() == "PageAcknowledged");
        Assert.Equal("pagerduty:PLH1HKV", ack.GetProperty("actor").GetProperty("id").GetString());
        Assert.Equal("Tenex Engineer", ack.GetProperty("actor").GetProperty("name").GetString());
        await Eventually.Get(() => _api.MessagesAsync("inc-1-checkout-is-down"), m => m.Any(x => x.Text.Contains("@Tenex Engineer acknowledged the page in PagerDuty", StringComparison.Ordinal)), "the acknowledgement in the channel");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("v1=0123456789abcdef")]
    [InlineData("v1=not-hex")]
    public async Task AnUnsignedOrWronglySignedWebhookIsRefusedAndChangesNothing(string? signature)
    {
        await _api.SayAsync("alice", "general", "/incident declare sev2 Search is slow");

        var response = await PostWebhookAsync(Acknowledged("INC-1"), signature, "delivery-x");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        // An accepted acknowledgement is appended before the answer, so none now means none at all.
        Assert.DoesNotContain(await _api.EventsAsync(1), e => e.GetProperty("type").GetString() == "PageAcknowledged");
    }

    [Fact]
    public async Task AnAcknowledgementForAnUnknownIncidentIs404AndOneFromAnotherToolIsIgnored()
    {
        var unknown = Acknowledged("INC-99");
        Assert.Equal(HttpStatusCode.NotFound, (await PostWebhookAsync(unknown, PagerDutySignature.Sign(unknown, WebhookSecret), "d-1")).StatusCode);

        var foreign = Acknowledged("d3640fbd41094207a1c11e58e46b1662");
        Assert.Equal(HttpStatusCode.Accepted, (await PostWebhookAsync(foreign, PagerDutySignature.Sign(foreign, WebhookSecret), "d-2")).StatusCode);

        var malformed = Encoding.UTF8.GetBytes("{\"not\":\"pagerduty\"}");
        Assert.Equal(HttpStatusCode.BadRequest, (await PostWebhookAsync(malformed, PagerDutySignature.Sign(malformed, WebhookSecret), "d-3")).StatusCode);
    }

    [Fact]
    public void ABadRoutingKeyStopsTheHostWithAMessageNamingTheKey()
    {
        var result = new PagingOptionsValidator().Validate(null, new PagingOptions
        {
            Severities = ["sev9"],
            PagerDuty = new PagerDutyOptions { RoutingKey = "short-secret-key" },
        });

        Assert.True(result.Failed);
        Assert.Contains("Paging:PagerDuty:RoutingKey", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Paging:Severities", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("short-secret-key", result.FailureMessage, StringComparison.Ordinal);
        // Not disposed: WebApplicationFactory throws disposing a host that never started.
        var bad = new BotFactory(new Dictionary<string, string?> { ["Paging:PagerDuty:RoutingKey"] = "short-secret-key" });
        Assert.ThrowsAny<Exception>(() => bad.CreateClient());
    }

    /// <summary>
    /// The incident.priority_updated example of webhooks/01-Overview.md (PagerDuty developer docs) as the
    /// incident.acknowledged it documents with the same incident data; incident_key is the dedup key the bot sent.
    /// </summary>
    private static byte[] Acknowledged(string incidentKey) => Encoding.UTF8.GetBytes($$"""
        {
          "event": {
            "id": "5ac64822-4adc-4fda-ade0-410becf0de4f",
            "event_type": "incident.acknowledged",
            "resource_type": "incident",
            "occurred_at": "2020-10-02T18:45:22.169Z",
            "agent": {
              "html_url": "https://acme.pagerduty.com/users/PLH1HKV",
              "id": "PLH1HKV",
              "self": "https://api.pagerduty.com/users/PLH1HKV",
              "summary": "Tenex Engineer",
              "type": "user_reference"
            },
            "client": { "name": "PagerDuty" },
            "data": {
              "id": "PGR0VU2",
              "type": "incident",
              "self": "https://api.pagerduty.com/incidents/PGR0VU2",
              "html_url": "https://acme.pagerduty.com/incidents/PGR0VU2",
              "number": 2,
              "status": "acknowledged",
              "incident_key": "{{incidentKey}}",
              "created_at": "2020-04-09T15:16:27Z",
              "title": "A little bump in the road",
              "service": { "html_url": "https://acme.pagerduty.com/services/PF9KMXH", "id": "PF9KMXH", "self": "https://api.pagerduty.com/services/PF9KMXH", "summary": "API Service", "type": "service_reference" },
              "assignees": [ { "html_url": "https://acme.pagerduty.com/users/PTUXL6G", "id": "PTUXL6G", "self": "https://api.pagerduty.com/users/PTUXL6G", "summary": "User 123", "type": "user_reference" } ],
              "urgency": "high",
              "resolve_reason": null
            }
          }
        }
        """);

    private async Task<HttpResponseMessage> PostWebhookAsync(byte[] body, string? signature, string webhookId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/pagerduty") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Webhook-Id", webhookId);
        if (signature is not null)
        {
            request.Headers.Add(PagerDutySignature.Header, signature);
        }

        return await _api.Http.SendAsync(request);
    }

    private Task<List<JsonElement>> WaitForEventAsync(string type) =>
        Eventually.Get(() => _api.EventsAsync(1), e => e.Any(x => x.GetProperty("type").GetString() == type), $"a {type} event");

    public void Dispose()
    {
        _app.Dispose();
        _pagers.Dispose();
    }
}
