using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Messages;
using ChatOpsBot.Core.Postmortems;

namespace ChatOpsBot.Scheduling;

/// <summary>
/// The messages that follow an event beyond the incident channel's one-liner: a status update goes to the
/// stakeholder channel and by DM to subscribers; a commander handoff gets a briefing; a close gets the
/// postmortem draft. Private incidents are never broadcast.
/// </summary>
public sealed partial class StakeholderDelivery(IncidentService incidents, PostmortemCompiler postmortems, TimeProvider clock, ILogger<StakeholderDelivery> logger)
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
                    if (await platform.FindChannelAsync(platform.StakeholderChannel, cancellationToken) is { } stakeholders)
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
                // No reminder schedule exists yet to say when the next update is due; the briefing says so.
                var briefing = CommanderBriefing.Build(incident, events, clock.GetUtcNow(), nextUpdateDue: null);
                await TryAsync(incident.Number, "commander briefing", () => platform.PostAsync(incident.Channel!, briefing, cancellationToken));
                break;
        }
    }

    /// <summary>Posts the postmortem draft's notice with its link in the incident channel, and returns the event that records it.</summary>
    public async Task<IncidentEvent> PostPostmortemDraftAsync(IChatPlatform platform, Incident incident, CancellationToken cancellationToken)
    {
        var draft = postmortems.Compile(await incidents.ReadTimelineAsync(incident.Number, cancellationToken));
        var link = $"/api/incidents/{incident.Number}/postmortem";
        var messageId = await platform.PostAsync(incident.Channel!, StakeholderMessages.PostmortemReady(incident, draft, link), cancellationToken);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Posted the postmortem draft of INC-{IncidentNumber} ({ReviewHits} phrases to review)")]
    private static partial void LogDraftPosted(ILogger logger, int incidentNumber, int reviewHits);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivering the {What} for INC-{IncidentNumber} failed; it is not retried")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, string what, int incidentNumber);
}
