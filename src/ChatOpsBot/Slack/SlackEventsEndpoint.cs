using System.Text.Json;
using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Slack;

/// <summary>
/// POST /slack/events (Slack Events API, https://api.slack.com/apis/events-api): answers url_verification, claims each event_id once in the store
/// (Slack retries deliveries; replicas share the claim), and queues the event so Slack gets its 200 at once.
/// </summary>
public static partial class SlackEventsEndpoint
{
    // Long enough to cover Slack's immediate and one-minute retries while the first delivery is handled; short
    // enough that its five-minute retry is handled if this process died first. A late duplicate is harmless: the
    // domain verbs capture a message once, and follow an edit or a join once.
    public static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(2);

    public static string ClaimKey(string eventId) => $"slack:event:{eventId}";

    public static async Task<IResult> HandleAsync(HttpContext http, IIncidentStore store, SlackEventWorker worker, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger("ChatOpsBot.Slack.Events");
        SlackEventEnvelope? envelope;
        try
        {
            envelope = await JsonSerializer.DeserializeAsync<SlackEventEnvelope>(http.Request.Body, SlackJson.Options, http.RequestAborted);
        }
        catch (JsonException)
        {
            envelope = null;
        }

        switch (envelope)
        {
            case { Type: "url_verification", Challenge: { } challenge }:
                return Results.Text(challenge, "text/plain");

            case { Type: "event_callback", EventId: { Length: > 0 } eventId, Event: { Type: not null } e }:
                if (!await store.TryClaimAsync(ClaimKey(eventId), ClaimFor, http.RequestAborted))
                {
                    LogDuplicate(logger, eventId);
                    return Results.Ok();
                }

                var botUser = envelope.Authorizations?.FirstOrDefault(a => a.IsBot)?.UserId;
                worker.Enqueue(new QueuedSlackEvent(eventId, e, botUser));
                return Results.Ok();

            default:
                LogMalformed(logger);
                return Results.BadRequest("Expected a Slack Events API envelope.");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack event {EventId} was already received; ignoring the retry")]
    private static partial void LogDuplicate(ILogger logger, string eventId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Malformed Slack event refused")]
    private static partial void LogMalformed(ILogger logger);
}
