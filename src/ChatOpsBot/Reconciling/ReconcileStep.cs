using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Messages;

namespace ChatOpsBot.Reconciling;

/// <summary>The chat side effects an incident should have, in the order they are done.</summary>
public enum ReconcileStep
{
    None,
    OpenChannel,
    Invite,
    SetTopic,
    SetPurpose,
    PostKickoff,
    PinKickoff,
    Announce,
    UpdateKickoff,
    PostEventMessages,
    PostPostmortemDraft,
    DeliverStakeholderCopy,
}

/// <summary>What the plan needs to know of the platform the incident lives on.</summary>
public sealed record PlatformTraits(ChatCapabilities Capabilities, IReadOnlyCollection<string> DefaultResponders, Func<string, bool> IsUser)
{
    public static PlatformTraits Of(IChatPlatform platform) => new(platform.Capabilities, platform.DefaultResponders, platform.IsUser);
}

/// <summary>
/// Compares what the events say should exist with what the events say was done. Pure, so the plan is
/// testable without a chat platform; the <see cref="Reconciler"/> performs the step and records it.
/// </summary>
public static class ReconcilePlan
{
    /// <param name="cardFingerprint">What the live card should show now (<see cref="IncidentCard.Fingerprint"/>).</param>
    public static ReconcileStep Next(Incident incident, PlatformTraits platform, bool hasUnpostedEventMessages, string cardFingerprint)
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

        if (MissingMembers(incident, platform).Count > 0 && incident.Status != IncidentStatus.Closed)
        {
            return ReconcileStep.Invite;
        }

        if (platform.Capabilities.HasFlag(ChatCapabilities.Topic) && incident.Chat.Topic != IncidentMessages.Topic(incident))
        {
            return ReconcileStep.SetTopic;
        }

        if (platform.Capabilities.HasFlag(ChatCapabilities.Purpose) && incident.Chat.Purpose != IncidentMessages.Purpose(incident))
        {
            return ReconcileStep.SetPurpose;
        }

        if (incident.Chat.KickoffMessageId is null)
        {
            return ReconcileStep.PostKickoff;
        }

        if (platform.Capabilities.HasFlag(ChatCapabilities.Pin) && !incident.Chat.IsKickoffPinned)
        {
            return ReconcileStep.PinKickoff;
        }

        if (!incident.IsPrivate && !incident.Chat.IsAnnounced)
        {
            return ReconcileStep.Announce;
        }

        // Before the event messages, so the card is current by the time people read why it changed.
        if (incident.Chat.KickoffFingerprint != cardFingerprint)
        {
            return ReconcileStep.UpdateKickoff;
        }

        if (hasUnpostedEventMessages)
        {
            return ReconcileStep.PostEventMessages;
        }

        // After the "closed" message, so the draft is the last word in the channel.
        if (incident.Status == IncidentStatus.Closed && !incident.Chat.IsPostmortemDrafted)
        {
            return ReconcileStep.PostPostmortemDraft;
        }

        // Last, after the channel's own message for the update, and each recorded on its own: a stakeholder channel
        // or a subscriber that keeps failing delays only the copies after it, never the incident channel.
        return NextStakeholderCopy(incident) is not null ? ReconcileStep.DeliverStakeholderCopy : ReconcileStep.None;
    }

    /// <summary>The oldest copy still owed whose update has had its incident-channel message.</summary>
    public static PendingStakeholderCopy? NextStakeholderCopy(Incident incident) =>
        incident.Chat.PendingStakeholderCopies.FirstOrDefault(c => c.UpdateVersion <= incident.Chat.MessagesPostedThrough);

    /// <summary>People the channel should have and does not: only real users of the platform, never display-name-only actors.</summary>
    public static IReadOnlyList<string> MissingMembers(Incident incident, PlatformTraits platform) =>
        incident.Participants.Select(p => p.Id)
            .Concat(incident.IsPrivate ? [] : platform.DefaultResponders)
            .Where(id => id != Actor.Bot.Id && !incident.Chat.InvitedUserIds.Contains(id) && platform.IsUser(id))
            .Distinct(StringComparer.Ordinal)
            .ToList();
}
