using System.Text.Json;
using System.Text.Json.Serialization;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Http;
using Microsoft.Extensions.Options;
using Refit;

namespace ChatOpsBot.Paging;

/// <summary>PagerDuty Events API v2 (events.pagerduty.com/v2/enqueue): trigger and resolve by dedup key.</summary>
public interface IPagerDutyEventsApi
{
    [Post("/v2/enqueue")]
    Task<IApiResponse<PagerDutyEventResult>> EnqueueAsync([Body] PagerDutyEvent e, CancellationToken cancellationToken);
}

public sealed record PagerDutyEvent(string RoutingKey, string EventAction, string DedupKey, PagerDutyPayload? Payload = null,
    IReadOnlyList<PagerDutyLink>? Links = null, string? Client = null, string? ClientUrl = null);

public sealed record PagerDutyPayload(string Summary, string Source, string Severity, IReadOnlyDictionary<string, string>? CustomDetails = null);

public sealed record PagerDutyLink(string Href, string? Text);

/// <summary>202 {"status":"success","message":"Event processed","dedup_key":"..."}; 400 adds "errors".</summary>
public sealed record PagerDutyEventResult(string? Status, string? Message, string? DedupKey, IReadOnlyList<string>? Errors);

public sealed class PagerDutyProvider(IPagerDutyEventsApi api, IOptions<PagingOptions> options) : IPagingProvider
{
    public const string ProviderName = "PagerDuty";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string Name => ProviderName;

    public async Task<string> TriggerAsync(PageOrder order, CancellationToken cancellationToken)
    {
        var incident = order.Incident;
        var details = new Dictionary<string, string>
        {
            ["incident"] = incident.Key,
            ["severity"] = incident.Severity.Label(),
            ["status"] = incident.Status.Label(),
            ["target"] = order.Page.Target,
            ["commander"] = incident.Commander?.DisplayName ?? "none",
        };
        var e = new PagerDutyEvent(RoutingKey(order), "trigger", order.DedupKey,
            new PagerDutyPayload(Cut(order.Summary, 1024), "chatopsbot", Severity(incident.Severity), details),
            order.Link is null ? null : [new PagerDutyLink(order.Link.ToString(), $"{incident.Key} in ChatOpsBot")],
            Client: "ChatOpsBot", ClientUrl: order.Link?.ToString());
        var result = await SendAsync(e, cancellationToken);
        return result?.DedupKey ?? order.DedupKey;
    }

    public async Task ResolveAsync(PageOrder order, CancellationToken cancellationToken) =>
        await SendAsync(new PagerDutyEvent(RoutingKey(order), "resolve", order.DedupKey), cancellationToken);

    private string RoutingKey(PageOrder order) => options.Value.PagerDuty.RoutingKeyFor(order.Page.Target);

    private Task<PagerDutyEventResult?> SendAsync(PagerDutyEvent e, CancellationToken cancellationToken) =>
        ProviderCall.SendAsync("PagerDuty", () => api.EnqueueAsync(e, cancellationToken), ErrorText, (message, cause) => new PagingException(message, cause), cancellationToken);

    // PagerDuty's error body says what was wrong ("Event object is invalid", "routing_key ... invalid"); no secret in it.
    private static string? ErrorText(string body)
    {
        var result = JsonSerializer.Deserialize<PagerDutyEventResult>(body, Json);
        return string.Join("; ", new[] { result?.Message }.Concat(result?.Errors ?? []).Where(s => !string.IsNullOrWhiteSpace(s)));
    }

    private static string Severity(Core.Incidents.Severity severity) => severity switch
    {
        Core.Incidents.Severity.Sev1 => "critical",
        Core.Incidents.Severity.Sev2 => "error",
        Core.Incidents.Severity.Sev3 => "warning",
        _ => "info",
    };

    private static string Cut(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
