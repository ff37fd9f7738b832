using ChatOpsBot.Core.Alerts;
using ChatOpsBot.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Webhooks;

/// <summary>
/// POST /webhooks/alertmanager, /webhooks/grafana and /webhooks/generic. Thin like every adapter: authenticate,
/// read a bounded body, parse, hand to <see cref="AlertIntake"/>, post a triage prompt if it asks for one.
/// Statuses are chosen for the senders: 4xx is not retried by Alertmanager (bad input stays bad), 503 is.
/// </summary>
public static partial class WebhookEndpoints
{
    private enum Sender
    {
        Alertmanager,
        Grafana,
        Generic,
    }

    public static WebApplication MapWebhooks(this WebApplication app)
    {
        var hooks = app.MapGroup("/webhooks").WithTags("Webhooks");
        hooks.MapPost("/alertmanager", (HttpContext http, AlertIntake intake) => HandleAsync(http, intake, Sender.Alertmanager))
            .RequireAuthorization(WebhookCredentialsAuthentication.Alertmanager);
        hooks.MapPost("/grafana", (HttpContext http, AlertIntake intake) => HandleAsync(http, intake, Sender.Grafana))
            .RequireAuthorization(WebhookCredentialsAuthentication.Grafana);
        hooks.MapPost("/generic", (HttpContext http, AlertIntake intake) => HandleAsync(http, intake, Sender.Generic));
        return app;
    }

    private static async Task<IResult> HandleAsync(HttpContext http, AlertIntake intake, Sender sender)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<WebhookOptions>>().Value;
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("ChatOpsBot.Webhooks");
        var cancellationToken = http.RequestAborted;

        // Alertmanager and Grafana were authenticated before this runs (WebhookCredentialsAuthentication); the generic
        // endpoint's signature covers the body, so it is checked once the body is read. Off is not open: 404.
        if (sender == Sender.Generic && !options.Generic.IsConfigured)
        {
            return Results.NotFound();
        }

        var body = await BoundedBody.ReadAsync(http.Request, WebhookOptions.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            LogTooLarge(logger, sender.ToString(), http.Request.ContentLength);
            return Problem(StatusCodes.Status413PayloadTooLarge, $"The body is over {WebhookOptions.MaxBodyBytes} bytes; lower max_alerts in the receiver.");
        }

        if (sender == Sender.Generic && !Sha256Signature.IsValid(http.Request.Headers[WebhookAuth.SignatureHeader], body, options.Generic.Secret!))
        {
            LogRefused(logger, sender.ToString(), http.Connection.RemoteIpAddress?.ToString());
            return Problem(StatusCodes.Status401Unauthorized, $"Missing or wrong {WebhookAuth.SignatureHeader} header (sha256=<hex HMAC-SHA256 of the body>).");
        }

        var parsed = sender switch
        {
            Sender.Alertmanager => AlertPayloads.ParseAlertmanager(body),
            Sender.Grafana => AlertPayloads.ParseGrafana(body),
            _ => AlertPayloads.ParseGeneric(body),
        };
        if (parsed.Notification is not { } notification)
        {
            LogRejected(logger, sender.ToString(), parsed.Error!);
            return Problem(StatusCodes.Status400BadRequest, parsed.Error!);
        }

        var result = await intake.ReceiveAsync(notification, cancellationToken);
        bool prompted;
        try
        {
            prompted = result.Prompt is { } prompt && await http.RequestServices.GetRequiredService<TriagePrompter>().PostAsync(prompt, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The alert is recorded and the prompt's claim given back: the sender's retry posts the prompt.
            LogPromptFailed(logger, ex, sender.ToString());
            var reason = ex is Core.Messages.ChatUnavailableException unavailable ? $"{unavailable.Platform} is {(unavailable.IsRateLimit ? "rate limiting" : "unavailable")}" : "the chat platform refused the post";
            return Problem(StatusCodes.Status503ServiceUnavailable, $"The alert was received, but posting its triage prompt failed ({reason}); retry later.");
        }

        LogReceived(logger, sender.ToString(), AlertIntake.Hash(notification.CorrelationKey), notification.Alerts.Count, result.Outcome, result.IncidentNumber, result.EventsAdded);
        if (result.Outcome == AlertOutcome.Busy)
        {
            return Problem(StatusCodes.Status503ServiceUnavailable, result.Reason!);
        }

        return Results.Ok(new WebhookResponse(result.Outcome.ToString().ToLowerInvariant(), result.IncidentNumber, result.EventsAdded,
            result.Prompt is null ? null : prompted, result.Reason));
    }

    private static ProblemHttpResult Problem(int status, string detail) => TypedResults.Problem(detail, statusCode: status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Sender} webhook refused: bad credentials from {RemoteIp}")]
    private static partial void LogRefused(ILogger logger, string sender, string? remoteIp);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Sender} webhook refused: body over the limit (Content-Length {ContentLength})")]
    private static partial void LogTooLarge(ILogger logger, string sender, long? contentLength);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Sender} webhook rejected: {Reason}")]
    private static partial void LogRejected(ILogger logger, string sender, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Sender} webhook: posting the triage prompt failed; answering 503 so the sender retries")]
    private static partial void LogPromptFailed(ILogger logger, Exception exception, string sender);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Sender} alert group {GroupHash} ({AlertCount} alerts): {Outcome} INC-{IncidentNumber}, {EventsAdded} events")]
    private static partial void LogReceived(ILogger logger, string sender, string groupHash, int alertCount, AlertOutcome outcome, int? incidentNumber, int eventsAdded);
}

/// <summary>What the sender gets back; for people reading curl output and for tests, the senders only look at the status.</summary>
public sealed record WebhookResponse(string Outcome, int? Incident, int EventsAdded, bool? PromptPosted, string? Reason);
