using System.Text.Json;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ChatOpsBot.Tests.Paging;

/// <summary>WireMock playing PagerDuty's Events API v2 and Opsgenie's Alert API, recording every call.</summary>
public sealed class FakePagers : IDisposable
{
    public const string RoutingKey = "0123456789abcdef0123456789abcdef";
    public const string DatabaseRoutingKey = "fedcba9876543210fedcba9876543210";

    private readonly WireMockServer _server = WireMockServer.Start();

    public FakePagers()
    {
        // The success answer of events-API-v2/02-Trigger-Events.md ("Event processed" with the dedup key).
        _server.Given(Request.Create().WithPath("/v2/enqueue").UsingPost()).AtPriority(100)
            .RespondWith(Response.Create().WithStatusCode(202).WithHeader("Content-Type", "application/json")
                .WithBody(r => JsonSerializer.Serialize(new { status = "success", message = "Event processed", dedup_key = JsonDocument.Parse(r.Body!).RootElement.GetProperty("dedup_key").GetString() })));
        // Opsgenie's documented 202 for alert requests.
        _server.Given(Request.Create().WithPath("/v2/alerts*").UsingPost()).AtPriority(100)
            .RespondWith(Response.Create().WithStatusCode(202).WithHeader("Content-Type", "application/json")
                .WithBody("""{"result":"Request will be processed","took":0.302,"requestId":"43a29c5c-3dbf-4fa4-9c26-f4f71023e120"}"""));
    }

    public string Url => _server.Urls[0];

    public WireMockServer Server => _server;

    public IReadOnlyList<JsonElement> PagerDutyEvents(string? action = null) =>
        [.. Bodies("/v2/enqueue").Where(b => action is null || b.GetProperty("event_action").GetString() == action)];

    public IReadOnlyList<JsonElement> OpsgenieAlerts() => Bodies("/v2/alerts");

    public IReadOnlyList<WireMock.Logging.ILogEntry> OpsgenieCalls(string path) =>
        [.. _server.LogEntries.Where(e => e.RequestMessage.Path == path).OrderBy(e => e.RequestMessage.DateTime)];

    /// <summary>PagerDuty answers every event with <paramref name="status"/> and <paramref name="body"/> until <see cref="Recover"/>.</summary>
    public void FailPagerDuty(int status, string body) =>
        _server.Given(Request.Create().WithPath("/v2/enqueue")).AtPriority(1).WithGuid(FailureMapping)
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));

    public void Recover() => _server.DeleteMapping(FailureMapping);

    public void Dispose() => _server.Stop();

    private static readonly Guid FailureMapping = Guid.Parse("6c0f8d1e-0000-4000-8000-00000000fa11");

    private List<JsonElement> Bodies(string path) =>
        [.. _server.LogEntries.Where(e => e.RequestMessage.Path == path).OrderBy(e => e.RequestMessage.DateTime)
            .Select(e => JsonDocument.Parse(e.RequestMessage.Body!).RootElement.Clone())];
}
