using System.Text.Json;
using System.Text.Json.Serialization;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Paging;
using ChatOpsBot.Http;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Paging;

/// <summary>
/// POST /webhooks/pagerduty: a V3 webhook subscription's deliveries (https://developer.pagerduty.com/docs/webhooks-overview). Signed, or 401. Each
/// delivery is handled once (X-Webhook-Id; PagerDuty delivers at least once). An <c>incident.acknowledged</c> for
/// a page this bot sent (its incident_key is the dedup key) goes on that incident's timeline as the responder's
/// acknowledgement. Other events, and incidents of other tools, are accepted and ignored: PagerDuty would drop a 4xx anyway.
/// </summary>
public static partial class PagerDutyWebhook
{
    // PagerDuty guarantees deliveries up to 55 KB and drops those over 256 KB.
    private const int MaxBodyBytes = 256 * 1024;
    private static readonly TimeSpan DeliveryClaim = TimeSpan.FromHours(1);

    public static async Task<IResult> HandleAsync(HttpContext http, IncidentService incidents, IIncidentStore store, IOptions<PagingOptions> options, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger("ChatOpsBot.Paging.PagerDuty");
        var ct = http.RequestAborted;
        var body = await BoundedBody.ReadAsync(http.Request, MaxBodyBytes, ct);
        if (body is null)
        {
            return Results.Problem($"The body is over {MaxBodyBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        if (!PagerDutySignature.IsValid(http.Request.Headers[PagerDutySignature.Header], body, options.Value.PagerDuty.WebhookSecret!))
        {
            LogRefused(logger, http.Request.Headers.ContainsKey(PagerDutySignature.Header) ? "bad signature" : "no signature");
            return Results.Problem("Missing or wrong X-PagerDuty-Signature.", statusCode: StatusCodes.Status401Unauthorized);
        }

        Delivery? delivery;
        try
        {
            delivery = JsonSerializer.Deserialize<Delivery>(body, PagerDutyProvider.Json);
        }
        catch (JsonException)
        {
            delivery = null;
        }

        if (delivery?.Event is not { EventType: { } eventType } e)
        {
            return Results.Problem("Expected a PagerDuty V3 webhook: {\"event\":{\"event_type\":...}}.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (eventType != "incident.acknowledged" || PagingSettings.IncidentNumberOf(e.Data?.IncidentKey) is not { } number)
        {
            return Results.Accepted();
        }

        var webhookId = http.Request.Headers["X-Webhook-Id"].ToString();
        var claim = $"pagerduty:webhook:{(webhookId.Length > 0 ? webhookId : e.Id)}";
        if (!await store.TryClaimAsync(claim, DeliveryClaim, ct))
        {
            return Results.Accepted();
        }

        try
        {
            var agent = e.Agent is { Id: { } agentId } ? new Actor($"pagerduty:{agentId}", e.Agent.Summary) : new Actor("pagerduty", "PagerDuty");
            var result = await incidents.ExecuteAsync(number, i => i.RecordPageAcknowledged(PagerDutyProvider.ProviderName, e.Data!.Id ?? e.Data.IncidentKey!),
                new EventContext(agent, EventSource.Integration, e.OccurredAt), ct);
            if (!result.Succeeded)
            {
                await store.ReleaseClaimAsync(claim, CancellationToken.None);
                return Results.Problem($"There is no {Incident.FormatKey(number)}.", statusCode: StatusCodes.Status404NotFound);
            }
        }
        catch
        {
            await store.ReleaseClaimAsync(claim, CancellationToken.None);
            throw;
        }

        LogAcknowledged(logger, number);
        return Results.Accepted();
    }

    private sealed record Delivery(WebhookEvent? Event);

    private sealed record WebhookEvent(string? Id, string? EventType, DateTimeOffset? OccurredAt, Reference? Agent, IncidentData? Data);

    private sealed record Reference(string? Id, string? Summary);

    private sealed record IncidentData(string? Id, [property: JsonPropertyName("incident_key")] string? IncidentKey, string? Status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a PagerDuty webhook: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "PagerDuty acknowledgement recorded on INC-{IncidentNumber}")]
    private static partial void LogAcknowledged(ILogger logger, int incidentNumber);
}
