using ChatOpsBot.Core.Copilot;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Messages;
using ChatOpsBot.Core.Postmortems;
using ChatOpsBot.Core.Reminders;

namespace ChatOpsBot.Reconciling;

/// <summary>
/// The messages that follow an event beyond the incident channel's one-liner: each status update's copy to the
/// stakeholder channel and by DM to each subscriber (reconciler steps, one recorded per recipient, retried until
/// done); a commander handoff gets a briefing; a close gets the postmortem draft. Private incidents are never broadcast.
/// </summary>
public sealed partial class StakeholderDelivery(IncidentReader incidents, IncidentCopilot postmortems, ReminderSettings reminders, PageLinks links,
    TimeProvider clock, ILogger<StakeholderDelivery> logger)
{
    /// <summary>
    /// After the channel message for <paramref name="e"/> was posted. The briefing is a convenience (it can be
    /// asked for again with "/incident brief"), so a failure is logged, not retried: retrying the whole step
    /// would post the channel message twice.
    /// </summary>
    public async Task AfterChannelMessageAsync(IChatPlatform platform, Incident incident, IncidentEvent e, CancellationToken cancellationToken)
    {
        if (e is RoleAssigned { Role: Roles.Commander, Previous: not null })
        {
            try
            {
                var events = await incidents.ReadTimelineAsync(incident.Number, cancellationToken);
                var briefing = CommanderBriefing.Build(incident, events, clock.GetUtcNow(), ReminderPolicy.StatusUpdateDueAt(incident, reminders));
                await platform.PostAsync(incident.Channel!, briefing, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogBriefingFailed(logger, ex, incident.Number);
            }
        }
    }

    /// <summary>
    /// Delivers one stakeholder copy and returns the event that records it. Throws when the platform fails, so nothing
    /// is recorded and the reconciler's sweep tries again; a stakeholder channel that does not exist is recorded as
    /// undeliverable instead, so it is not retried forever.
    /// </summary>
    public async Task<IncidentEvent> DeliverCopyAsync(IChatPlatform platform, Incident incident, PendingStakeholderCopy copy, CancellationToken cancellationToken)
    {
        var message = StakeholderMessages.Update(incident, new StatusUpdatePosted(copy.Text) { Actor = copy.From });
        if (copy.Recipient != StakeholderCopyDelivered.StakeholderChannel)
        {
            return new StakeholderCopyDelivered(copy.UpdateVersion, copy.Recipient, await platform.SendDirectMessageAsync(copy.Recipient, message, cancellationToken));
        }

        // The severity at the time of delivery: a SEV3 raised to SEV1 sends its later updates to the SEV1 audience.
        var name = platform.StakeholderChannelFor(incident.Severity);
        if (await platform.FindChannelAsync(name, cancellationToken) is not { } stakeholders)
        {
            LogNoStakeholderChannel(logger, name, platform.Name, incident.Number);
            return new StakeholderCopyDelivered(copy.UpdateVersion, copy.Recipient, null, $"no stakeholder channel {name}");
        }

        return new StakeholderCopyDelivered(copy.UpdateVersion, copy.Recipient, await platform.PostAsync(stakeholders, message, cancellationToken));
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
        var messageId = await platform.UploadFileAsync(incident.Channel!, PostmortemFile.For(incident, draft), StakeholderMessages.PostmortemReady(incident, draft, links), cancellationToken);
        LogDraftPosted(logger, incident.Number, draft.ReviewHits.Count);
        return new PostmortemDrafted(incident.Channel!, messageId);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Posted the postmortem draft of INC-{IncidentNumber} ({ReviewHits} sentences to review)")]
    private static partial void LogDraftPosted(ILogger logger, int incidentNumber, int reviewHits);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Posting the commander briefing for INC-{IncidentNumber} failed; /incident brief shows it on demand")]
    private static partial void LogBriefingFailed(ILogger logger, Exception exception, int incidentNumber);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stakeholder channel {Channel} does not exist on {Platform}; the update of INC-{IncidentNumber} is not copied there")]
    private static partial void LogNoStakeholderChannel(ILogger logger, string channel, string platform, int incidentNumber);
}
