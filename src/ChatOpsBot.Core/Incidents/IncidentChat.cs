using System.Collections.Immutable;

namespace ChatOpsBot.Core.Incidents;

/// <summary>
/// What the reconciler has done in an incident's chat: a fold of the chat-step events it records (<see cref="IsStep"/>),
/// kept apart from the incident's own state so the plan compares "should exist" on <see cref="Incident"/> with
/// "was done" here. Immutable and persistent like <see cref="Incident"/>; events that are not chat steps never touch it.
/// </summary>
public sealed record IncidentChat
{
    public static readonly IncidentChat None = new();

    /// <summary>The incident's channel once opened; domain code reads it as <see cref="Incident.Channel"/>.</summary>
    public ConversationRef? Channel { get; private init; }

    /// <summary>The channel name asked of the platform (<see cref="ChannelOpening"/>) while no <see cref="ChannelOpened"/> says how it went.</summary>
    public string? PendingChannelName { get; private init; }

    public ImmutableHashSet<string> InvitedUserIds { get; private init; } = ImmutableHashSet.Create<string>(StringComparer.Ordinal);

    public string? Topic { get; private init; }

    public string? Purpose { get; private init; }

    public string? KickoffMessageId { get; private init; }

    /// <summary>What the live card showed when last posted or updated (<c>IncidentCard.Fingerprint</c>); null before it knew.</summary>
    public string? KickoffFingerprint { get; private init; }

    public bool IsKickoffPinned { get; private init; }

    public bool IsAnnounced { get; private init; }

    public long MessagesPostedThrough { get; private init; }

    /// <summary>The postmortem draft was shared in the channel at close.</summary>
    public bool IsPostmortemDrafted { get; private init; }

    /// <summary>Stakeholder copies of status updates still to deliver, oldest first: the stakeholder channel and each subscriber.</summary>
    public ImmutableList<PendingStakeholderCopy> PendingStakeholderCopies { get; private init; } = [];

    /// <summary>
    /// How many chat steps the reconciler has recorded. Replicas that agree on it agree on what is done, so it
    /// names the next step for the claim that lets exactly one of them perform it.
    /// </summary>
    public int StepsRecorded { get; private init; }

    /// <summary>The events the reconciler records for what it did in chat.</summary>
    public static bool IsStep(IncidentEvent e) =>
        e is ChannelOpening or ChannelOpened or MembersInvited or TopicSet or PurposeSet or KickoffPosted or Announced or ChannelMessagesPosted or PostmortemDrafted
            or KickoffPinned or KickoffUpdated or StakeholderCopyDelivered;

    /// <summary>Folds one chat step (<see cref="IsStep"/>); any other event leaves the bookkeeping as it is.</summary>
    public IncidentChat Apply(IncidentEvent e) =>
        IsStep(e) ? When(e) with { StepsRecorded = StepsRecorded + 1 } : this;

    /// <summary>
    /// Owes the stakeholder copies of a status update. A card posted without a fingerprint is from before copies were
    /// recorded: that code sent this update's copies itself, so they are not owed again (the first card update after an
    /// upgrade ends this).
    /// </summary>
    public IncidentChat Owe(IEnumerable<PendingStakeholderCopy> copies) =>
        KickoffMessageId is not null && KickoffFingerprint is null
            ? this
            : this with { PendingStakeholderCopies = PendingStakeholderCopies.AddRange(copies) };

    private IncidentChat When(IncidentEvent e) => e switch
    {
        ChannelOpening o => this with { PendingChannelName = o.Name },
        ChannelOpened c => this with { Channel = c.Channel, PendingChannelName = null },
        MembersInvited m => this with { InvitedUserIds = InvitedUserIds.Union(m.UserIds) },
        TopicSet t => this with { Topic = t.Topic },
        PurposeSet p => this with { Purpose = p.Purpose },
        KickoffPosted k => this with { KickoffMessageId = k.MessageId, KickoffFingerprint = k.Fingerprint },
        KickoffUpdated k => this with { KickoffFingerprint = k.Fingerprint },
        KickoffPinned => this with { IsKickoffPinned = true },
        Announced => this with { IsAnnounced = true },
        ChannelMessagesPosted p => this with { MessagesPostedThrough = Math.Max(MessagesPostedThrough, p.ThroughVersion) },
        PostmortemDrafted => this with { IsPostmortemDrafted = true },
        StakeholderCopyDelivered d => this with
        {
            PendingStakeholderCopies = PendingStakeholderCopies.RemoveAll(p => p.UpdateVersion == d.UpdateVersion && p.Recipient == d.Recipient),
        },
        _ => this,
    };
}
