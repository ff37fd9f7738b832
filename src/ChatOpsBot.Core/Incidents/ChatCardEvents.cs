namespace ChatOpsBot.Core.Incidents;

// The live incident card and stakeholder delivery, recorded by the reconciler (chat steps like ChannelOpened).

/// <summary>The kick-off card was pinned in the incident channel (once; platforms without pins never record it).</summary>
public sealed record KickoffPinned(string MessageId) : IncidentEvent;

/// <summary>The kick-off card was updated in place to show the state whose fingerprint is <see cref="Fingerprint"/>.</summary>
public sealed record KickoffUpdated(string MessageId, string Fingerprint) : IncidentEvent;

/// <summary>
/// The stakeholder copy of the status update at <see cref="UpdateVersion"/> reached <see cref="Recipient"/>: the
/// stakeholder channel (<see cref="StakeholderChannel"/>) or a subscriber's user id. <see cref="MessageId"/> is null
/// when it could not be delivered for good (no such channel, the user is gone): recorded, so it is not retried forever.
/// </summary>
public sealed record StakeholderCopyDelivered(long UpdateVersion, string Recipient, string? MessageId, string? Problem = null) : IncidentEvent
{
    public const string StakeholderChannel = "#stakeholders";
}

/// <summary>A status update's copy still owed to <see cref="Recipient"/> (see <see cref="StakeholderCopyDelivered"/>).</summary>
public sealed record PendingStakeholderCopy(long UpdateVersion, string Recipient, string Text, Actor From);
