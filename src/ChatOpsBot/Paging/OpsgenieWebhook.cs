using System.Text.Json;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Paging;
using ChatOpsBot.Http;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Paging;

/// <summary>
/// POST /webhooks/opsgenie: an Opsgenie Webhook integration's alert actions. Opsgenie does not sign them, so the
/// integration sends "Authorization: Bearer &lt;Paging:Opsgenie:WebhookToken&gt;" as a custom header, or 401. An
/// "Acknowledge" of an alert this bot created (its alias is the dedup key) is the responder's acknowledgement; the
/// alert id makes a repeated delivery a no-op. Other actions and other tools' alerts are accepted and ignored.
/// </summary>
public static partial class OpsgenieWebhook
{
    private const int MaxBodyBytes = 256 * 1024;

    public static async Task<IResult> HandleAsync(HttpContext http, IncidentService incidents, IOptions<PagingOptions> options, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger("ChatOpsBot.Paging.Opsgenie");
        var ct = http.RequestAborted;
        if (!IsAuthorized(http.Request.Headers.Authorization.ToString(), options.Value.Opsgenie.WebhookToken!))
        {
            LogRefused(logger);
            return Results.Problem("Missing or wrong bearer token.", statusCode: StatusCodes.Status401Unauthorized);
        }

        var body = await BoundedBody.ReadAsync(http.Request, MaxBodyBytes, ct);
        if (body is null)
        {
            return Results.Problem($"The body is over {MaxBodyBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        AlertAction? action;
        try
        {
            action = JsonSerializer.Deserialize<AlertAction>(body, OpsgenieProvider.Json);
        }
        catch (JsonException)
        {
            action = null;
        }

        if (action is not { Action: { } verb, Alert: { } alert })
        {
            return Results.Problem("Expected an Opsgenie webhook: {\"action\":...,\"alert\":{...}}.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (verb != "Acknowledge" || PagingSettings.IncidentNumberOf(alert.Alias) is not { } number)
        {
            return Results.Accepted();
        }

        var who = new Actor($"opsgenie:{alert.UserId ?? alert.Username ?? "unknown"}", alert.Username);
        var result = await incidents.ExecuteAsync(number, i => i.RecordPageAcknowledged(OpsgenieProvider.ProviderName, alert.AlertId ?? alert.Alias!),
            new EventContext(who, EventSource.Integration), ct);
        if (!result.Succeeded)
        {
            return Results.Problem($"There is no {Incident.FormatKey(number)}.", statusCode: StatusCodes.Status404NotFound);
        }

        LogAcknowledged(logger, number);
        return Results.Accepted();
    }

    private static bool IsAuthorized(string header, string token) =>
        header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
        && ConstantTime.Matches(header["Bearer ".Length..].Trim(), token);

    private sealed record AlertAction(string? Action, AlertData? Alert);

    private sealed record AlertData(string? AlertId, string? Alias, string? Username, string? UserId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused an Opsgenie webhook: missing or wrong bearer token")]
    private static partial void LogRefused(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Opsgenie acknowledgement recorded on INC-{IncidentNumber}")]
    private static partial void LogAcknowledged(ILogger logger, int incidentNumber);
}
