using ChatOpsBot.Core.Copilot;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Messages;
using ChatOpsBot.Core.Postmortems;
using ChatOpsBot.Core.Reminders;

namespace ChatOpsBot.Scheduling;

/// <summary>
/// The messages that follow an event beyond the incident channel's one-liner: a status update goes to the
/// stakeholder channel and by DM to subscribers; a commander handoff gets a briefing; a close gets the
/// postmortem draft. Private incidents are never broadcast.
/// </summary>
public sealed partial class StakeholderDelivery(IncidentService incidents, IncidentCopilot postmortems, ReminderSettings reminders, TimeProvider clock,
    ILogger<StakeholderDelivery> logger)
{
    /// <summary>
    /// After the channel message for <paramref name="e"/> was posted. Best effort per recipient: one subscriber's
    /// failed DM must not hold back the channel messages or the other subscribers, so a failure is logged and
    /// not retried (retrying the whole step would post the channel message twice).
    /// </summary>
    public async Task AfterChannelMessageAsync(IChatPlatform platform, Incident incident, IncidentEvent e, CancellationToken cancellationToken)
    {
        switch (e)
        {
            case StatusUpdatePosted update when !incident.IsPrivate:
                var message = StakeholderMessages.Update(incident, update);
                await TryAsync(incident.Number, "stakeholder channel", async () =>
                {
                    // The severity at the time of posting: a SEV3 raised to SEV1 sends its later updates to the SEV1 audience.
                    if (await platform.FindChannelAsync(platform.StakeholderChannelFor(incident.Severity), cancellationToken) is { } stakeholders)
                    {
                        await platform.PostAsync(stakeholders, message, cancellationToken);
                    }
                });
                foreach (var subscriber in incident.Subscribers.Values)
                {
                    await TryAsync(incident.Number, "subscriber DM", () => platform.SendDirectMessageAsync(subscriber.Id, message, cancellationToken));
                }

                break;

            case RoleAssigned { Role: Roles.Commander, Previous: not null }:
                var events = await incidents.ReadTimelineAsync(incident.Number, cancellationToken);
                var briefing = CommanderBriefing.Build(incident, events, clock.GetUtcNow(), ReminderPolicy.StatusUpdateDueAt(incident, reminders));
                await TryAsync(incident.Number, "commander briefing", () => platform.PostAsync(incident.Channel!, briefing, cancellationToken));
                break;
        }
    }

    /// <summary>
    /// Shares the postmortem draft in the incident channel (a Markdown file where the platform has files, the notice
    /// with its link otherwise) and returns the event that records it. Throws if sharing fails, so nothing is recorded
    /// and the reconciler tries again.
    /// </summary>
    public async Task<IncidentEvent> PostPostmortemDraftAsync(IChatPlatform platform, Incident incident, CancellationToken cancellationToken)
    {
        // With the co-pilot on this waits at most Ai:Timeout, then shares the draft without AI.
        var draft = await postmortems.DraftPostmortemAsync(await incidents.ReadTimelineAsync(incident.Number, cancellationToken), cancellationToken);
        var link = $"/api/incidents/{incident.Number}/postmortem";
        var messageId = await platform.UploadFileAsync(incident.Channel!, PostmortemFile.For(incident, draft), StakeholderMessages.PostmortemReady(incident, draft, link), cancellationToken);
        LogDraftPosted(logger, incident.Number, draft.ReviewHits.Count);
        return new PostmortemDrafted(incident.Channel!, messageId);
    }

    private async Task TryAsync(int number, string what, Func<Task> send)
    {
        try
        {
            await send();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogDeliveryFailed(logger, ex, what, number);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Posted the postmortem draft of INC-{IncidentNumber} ({ReviewHits} sentences to review)")]
    private static partial void LogDraftPosted(ILogger logger, int incidentNumber, int reviewHits);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivering the {What} for INC-{IncidentNumber} failed; it is not retried")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, string what, int incidentNumber);
}
