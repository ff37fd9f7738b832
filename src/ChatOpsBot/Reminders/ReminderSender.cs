using ChatOpsBot.Chat;
using ChatOpsBot.Core.Copilot;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Messages;
using ChatOpsBot.Core.Reminders;

namespace ChatOpsBot.Reminders;

/// <summary>
/// Sends what an incident is owed right now: re-reads the state (the trigger may be stale: resolved, severity changed,
/// update posted), claims each reminder once across replicas, posts it in the incident channel and records it.
/// </summary>
public sealed partial class ReminderSender(
    IncidentService incidents,
    IIncidentStore store,
    ChatPlatforms platforms,
    ReminderSettings settings,
    TimeProvider clock,
    ILogger<ReminderSender> logger,
    IncidentCopilot copilot)
{
    // Long enough that a reminder posted but not yet recorded is never posted again by another replica; a replica
    // that dies holding a claim costs that one round, and the next round has a key of its own.
    private static readonly TimeSpan ClaimTtl = TimeSpan.FromHours(1);

    private static readonly EventContext ReminderContext = new(Actor.Bot, EventSource.Reminder);

    /// <summary>False when something due was left unsent (another replica holds it, or chat failed), so the caller retries.</summary>
    public async Task<bool> SendDueAsync(int number, CancellationToken cancellationToken)
    {
        var incident = await incidents.Reader.GetAsync(number, cancellationToken);
        var now = clock.GetUtcNow();
        var platform = platforms.For(incident.Channel);
        var done = true;
        foreach (var reminder in ReminderPolicy.DueNow(incident, settings, now))
        {
            if (platform is null)
            {
                LogNoPlatform(logger, number, incident.Channel?.Platform);
                return true; // nothing will change by retrying; a new channel is an event that plans again
            }

            done &= await SendAsync(incident, reminder, platform, now, cancellationToken);
        }

        return done;
    }

    private async Task<bool> SendAsync(Incident incident, DueReminder reminder, IChatPlatform platform, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var claim = $"reminder:{incident.Number}:{reminder.Key}:{reminder.DueAt.ToUnixTimeMilliseconds()}";
        if (!await store.TryClaimAsync(claim, ClaimTtl, cancellationToken))
        {
            return false;
        }

        try
        {
            await platform.PostAsync(incident.Channel!, ReminderMessages.For(incident, reminder, now), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Not posted, so let any replica try again at once rather than after the claim expires.
            await store.ReleaseClaimAsync(claim, CancellationToken.None);
            LogPostFailed(logger, ex, incident.Number, reminder.Kind);
            return false;
        }

        // Posted: record it even if the state moved meanwhile, since the timeline must show what people saw.
        await incidents.ExecuteAsync(incident.Number,
            i => i.RemindersSent.TryGetValue(reminder.Key, out var sent) && sent >= reminder.DueAt
                ? Decision.NoChange("Already recorded.")
                : Decision.Accept(new ReminderSent(reminder.Kind, reminder.DueAt, reminder.ActionItemNumber)),
            ReminderContext, cancellationToken);
        LogSent(logger, reminder.Kind, incident.Number, reminder.DueAt);
        if (reminder.Kind == ReminderKind.StatusUpdate)
        {
            await OfferStatusUpdateDraftAsync(incident, platform, cancellationToken);
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent {Kind} reminder for INC-{IncidentNumber} due {DueAt}")]
    private static partial void LogSent(ILogger logger, ReminderKind kind, int incidentNumber, DateTimeOffset dueAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Posting the {Kind} reminder for INC-{IncidentNumber} failed; it will be retried")]
    private static partial void LogPostFailed(ILogger logger, Exception exception, int incidentNumber, ReminderKind kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No chat platform {Platform} is configured for INC-{IncidentNumber}; its reminders are not sent")]
    private static partial void LogNoPlatform(ILogger logger, int incidentNumber, string? platform);
}
