using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Messages;

namespace ChatOpsBot.Scheduling;

/// <summary>The chat side effects an incident should have, in the order they are done.</summary>
public enum ReconcileStep
{
    None,
    OpenChannel,
    Invite,
    SetTopic,
    SetPurpose,
    PostKickoff,
    Announce,
    PostEventMessages,
    PostPostmortemDraft,
}

/// <summary>
/// Compares what the events say should exist with what the events say was done. Pure, so the plan is
/// testable without a chat platform; the <see cref="Reconciler"/> performs the step and records it.
/// </summary>
public static class ReconcilePlan
{
    public static ReconcileStep Next(Incident incident, IReadOnlyCollection<string> defaultResponders, bool hasUnpostedEventMessages)
    {
        if (!incident.Exists)
        {
            return ReconcileStep.None;
        }

        if (incident.Channel is null)
        {
            // A closed incident that never got a channel does not need one any more.
            return incident.Status == IncidentStatus.Closed ? ReconcileStep.None : ReconcileStep.OpenChannel;
        }

        if (MissingMembers(incident, defaultResponders).Count > 0 && incident.Status != IncidentStatus.Closed)
        {
            return ReconcileStep.Invite;
        }

        if (incident.Topic != IncidentMessages.Topic(incident))
        {
            return ReconcileStep.SetTopic;
        }

        if (incident.Purpose != IncidentMessages.Purpose(incident))
        {
            return ReconcileStep.SetPurpose;
        }

        if (incident.KickoffMessageId is null)
        {
            return ReconcileStep.PostKickoff;
        }

        if (!incident.IsPrivate && !incident.IsAnnounced)
        {
            return ReconcileStep.Announce;
        }

        if (hasUnpostedEventMessages)
        {
            return ReconcileStep.PostEventMessages;
        }

        // After the "closed" message, so the draft is the last word in the channel.
        return incident.Status == IncidentStatus.Closed && !incident.IsPostmortemDrafted ? ReconcileStep.PostPostmortemDraft : ReconcileStep.None;
    }

    public static IReadOnlyList<string> MissingMembers(Incident incident, IReadOnlyCollection<string> defaultResponders) =>
        incident.Participants.Select(p => p.Id)
            .Concat(incident.IsPrivate ? [] : defaultResponders)
            .Where(id => id != Actor.Bot.Id && !incident.InvitedUserIds.Contains(id))
            .Distinct(StringComparer.Ordinal)
            .ToList();
}
