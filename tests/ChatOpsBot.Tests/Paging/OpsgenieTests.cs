using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ChatOpsBot.Tests.Support;

namespace ChatOpsBot.Tests.Paging;

/// <summary>Paging through Opsgenie's Alert API over real HTTP (WireMock as api.opsgenie.com), on the console platform.</summary>
public sealed class OpsgenieTests : IDisposable
{
    private const string ApiKey = "eb243592-faa2-4ba2-a551-1afdf565c889";
    private const string WebhookToken = "opsgenie-webhook-token-1";

    private readonly FakePagers _pagers = new();
    private readonly BotFactory _app;
    private readonly ConsoleApiClient _api;

    public OpsgenieTests()
    {
        _app = new BotFactory(new Dictionary<string, string?>
        {
            ["Paging:Opsgenie:ApiKey"] = ApiKey,
            ["Paging:Opsgenie:BaseUrl"] = _pagers.Url,
            ["Paging:Opsgenie:WebhookToken"] = WebhookToken,
            ["Paging:Severities:0"] = "sev1",
            ["Paging:Severities:1"] = "sev2",
            ["Paging:RetryInterval"] = "00:00:01",
        });
        _api = new ConsoleApiClient(_app.CreateClient());
    }

    [Fact]
    public async Task ADeclareAtAPagingSeverityCreatesOneAlertATeamPageNamesTheTeamAndResolvingClosesBoth()
    {
        await _api.SayAsync("alice", "general", "/incident declare sev2 Checkout is down");
        await _api.SayAsync("alice", "general", "/incident INC-1 page payments-team");

        var events = await Eventually.Get(() => _api.EventsAsync(1), e => e.Count(x => x.GetProperty("type").GetString() == "Paged") == 2, "both pages to be out");
        Assert.All(events.Where(e => e.GetProperty("type").GetString() == "Paged"), e => Assert.Equal("43a29c5c-3dbf-4fa4-9c26-f4f71023e120", e.GetProperty("providerId").GetString()));
        var alerts = _pagers.OpsgenieAlerts();
        Assert.Equal(2, alerts.Count);
        var automatic = Assert.Single(alerts, a => a.GetProperty("alias").GetString() == "INC-1");
        Assert.Equal(("P2", "INC-1 SEV2: Checkout is down"), (automatic.GetProperty("priority").GetString(), automatic.GetProperty("message").GetString()));
        Assert.False(automatic.TryGetProperty("responders", out _));
        var team = Assert.Single(alerts, a => a.GetProperty("alias").GetString() == "INC-1:payments-team");
        Assert.Equal("payments-team", team.GetProperty("responders")[0].GetProperty("name").GetString());
        Assert.All(_pagers.OpsgenieCalls("/v2/alerts"), c => Assert.Equal($"GenieKey {ApiKey}", c.RequestMessage.Headers!["Authorization"].Single()));

        await _api.SayAsync("alice", "general", "/incident INC-1 resolve");

        await Eventually.Get(() => _api.EventsAsync(1), e => e.Count(x => x.GetProperty("type").GetString() == "PageResolved") == 2, "both pages to be closed");
        Assert.Single(_pagers.OpsgenieCalls("/v2/alerts/INC-1/close"));
        Assert.Single(_pagers.OpsgenieCalls("/v2/alerts/INC-1:payments-team/close"));
    }

    [Fact]
    public async Task AnAcknowledgeWithTheTokenIsOnTheTimelineOnceAndAWrongTokenIsRefused()
    {
        await _api.SayAsync("alice", "general", "/incident declare sev1 Checkout is down");

        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(Acknowledge("INC-1"), "wrong-token-wrong-token")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(Acknowledge("INC-1"), null)).StatusCode);
        Assert.DoesNotContain(await _api.EventsAsync(1), e => e.GetProperty("type").GetString() == "PageAcknowledged");

        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(Acknowledge("INC-1"), WebhookToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(Acknowledge("INC-1"), WebhookToken)).StatusCode);

        var ack = Assert.Single(await _api.EventsAsync(1), e => e.GetProperty("type").GetString() == "PageAcknowledged");
        Assert.Equal("opsgenie:daed1180-0ce8-438b-8f8e-57e1a5920a2d", ack.GetProperty("actor").GetProperty("id").GetString());
        Assert.Equal("fili@ifountain.com", ack.GetProperty("actor").GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(Acknowledge("INC-42"), WebhookToken)).StatusCode);
    }

    // The "Acknowledge" example of Opsgenie's alert action data for Webhook integrations (docs.opsgenie.com/docs/marid-alert-action-data),
    // with the alias the bot gave the alert.
    private static string Acknowledge(string alias) => $$"""
        {"source":{"name":"","type":"web"},
         "alert":{"updatedAt":1420452224764002246,"tags":["tag1","tag2"],"message":"test alert","username":"fili@ifountain.com",
                  "alertId":"052652ac-5d1c-464a-812a-7dd18bbfba8c","source":"fili@ifountain.com","alias":"{{alias}}","tinyId":"23",
                  "createdAt":1420452191104,"userId":"daed1180-0ce8-438b-8f8e-57e1a5920a2d","entity":""},
         "action":"Acknowledge","integrationId":"37c8f316-17c6-49d7-899b-9c7e540c048d","integrationName":"Integration1"}
        """;

    private async Task<HttpResponseMessage> PostAsync(string json, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/opsgenie") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await _api.Http.SendAsync(request);
    }

    public void Dispose()
    {
        _app.Dispose();
        _pagers.Dispose();
    }
}
