using System.Text.Json.Serialization;
using ChatOpsBot.Core.Reminders;

namespace ChatOpsBot.Core.Incidents;

/// <summary>
/// One entry on an incident's timeline. The incident is nothing but the fold of these.
/// <see cref="OccurredAt"/> is when it happened in the world (a pinned message's own time);
/// <see cref="RecordedAt"/> and <see cref="Version"/> are assigned by the store on append.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(Declared), nameof(Declared))]
[JsonDerivedType(typeof(RoleAssigned), nameof(RoleAssigned))]
[JsonDerivedType(typeof(SeverityChanged), nameof(SeverityChanged))]
[JsonDerivedType(typeof(StatusChanged), nameof(StatusChanged))]
[JsonDerivedType(typeof(StatusUpdatePosted), nameof(StatusUpdatePosted))]
[JsonDerivedType(typeof(NoteAdded), nameof(NoteAdded))]
[JsonDerivedType(typeof(ActionItemAdded), nameof(ActionItemAdded))]
[JsonDerivedType(typeof(Resolved), nameof(Resolved))]
[JsonDerivedType(typeof(Closed), nameof(Closed))]
[JsonDerivedType(typeof(Reopened), nameof(Reopened))]
[JsonDerivedType(typeof(ChannelOpened), nameof(ChannelOpened))]
[JsonDerivedType(typeof(MembersInvited), nameof(MembersInvited))]
[JsonDerivedType(typeof(TopicSet), nameof(TopicSet))]
[JsonDerivedType(typeof(KickoffPosted), nameof(KickoffPosted))]
[JsonDerivedType(typeof(Announced), nameof(Announced))]
[JsonDerivedType(typeof(ChannelMessagesPosted), nameof(ChannelMessagesPosted))]
[JsonDerivedType(typeof(ReminderSent), nameof(ReminderSent))]
[JsonDerivedType(typeof(AlertGroupLinked), nameof(AlertGroupLinked))]
[JsonDerivedType(typeof(AlertFired), nameof(AlertFired))]
[JsonDerivedType(typeof(AlertResolved), nameof(AlertResolved))]
[JsonDerivedType(typeof(PurposeSet), nameof(PurposeSet))]
[JsonDerivedType(typeof(MessageCaptured), nameof(MessageCaptured))]
[JsonDerivedType(typeof(CapturedMessageEdited), nameof(CapturedMessageEdited))]
[JsonDerivedType(typeof(CapturedMessageDeleted), nameof(CapturedMessageDeleted))]
[JsonDerivedType(typeof(ParticipantJoined), nameof(ParticipantJoined))]
[JsonDerivedType(typeof(Subscribed), nameof(Subscribed))]
[JsonDerivedType(typeof(Unsubscribed), nameof(Unsubscribed))]
[JsonDerivedType(typeof(PostmortemDrafted), nameof(PostmortemDrafted))]
[JsonDerivedType(typeof(ChangeLinked), nameof(ChangeLinked))]
[JsonDerivedType(typeof(RoleCleared), nameof(RoleCleared))]
[JsonDerivedType(typeof(ActionItemDone), nameof(ActionItemDone))]
[JsonDerivedType(typeof(ActionItemReopened), nameof(ActionItemReopened))]
[JsonDerivedType(typeof(ActionItemOwnerChanged), nameof(ActionItemOwnerChanged))]
[JsonDerivedType(typeof(ActionItemDueChanged), nameof(ActionItemDueChanged))]
[JsonDerivedType(typeof(KickoffPinned), nameof(KickoffPinned))]
[JsonDerivedType(typeof(KickoffUpdated), nameof(KickoffUpdated))]
[JsonDerivedType(typeof(StakeholderCopyDelivered), nameof(StakeholderCopyDelivered))]
[JsonDerivedType(typeof(ServiceTagged), nameof(ServiceTagged))]
[JsonDerivedType(typeof(PageRequested), nameof(PageRequested))]
[JsonDerivedType(typeof(Paged), nameof(Paged))]
[JsonDerivedType(typeof(PageFailed), nameof(PageFailed))]
[JsonDerivedType(typeof(PageResolved), nameof(PageResolved))]
[JsonDerivedType(typeof(PageAcknowledged), nameof(PageAcknowledged))]
[JsonDerivedType(typeof(ActionItemsExportRequested), nameof(ActionItemsExportRequested))]
[JsonDerivedType(typeof(ActionItemExported), nameof(ActionItemExported))]
[JsonDerivedType(typeof(ActionItemExportFailed), nameof(ActionItemExportFailed))]
[JsonDerivedType(typeof(ActionItemClosedInTracker), nameof(ActionItemClosedInTracker))]
[JsonDerivedType(typeof(PublicUpdatePosted), nameof(PublicUpdatePosted))]
[JsonDerivedType(typeof(StatusPageIncidentCreated), nameof(StatusPageIncidentCreated))]
[JsonDerivedType(typeof(StatusPageUpdated), nameof(StatusPageUpdated))]
[JsonDerivedType(typeof(StatusPageIncidentResolved), nameof(StatusPageIncidentResolved))]
[JsonDerivedType(typeof(StatusPageFailed), nameof(StatusPageFailed))]
[JsonDerivedType(typeof(ChannelOpening), nameof(ChannelOpening))]
public abstract record IncidentEvent
{
    // Actor, source and time are stamped by IncidentService; the domain verbs only say what happened.
    public Actor Actor { get; init; } = Actor.Bot;

    public EventSource Source { get; init; } = EventSource.Bot;

    public DateTimeOffset OccurredAt { get; init; }

    public DateTimeOffset RecordedAt { get; init; }

    /// <summary>1-based position on the incident's timeline.</summary>
    public long Version { get; init; }

    /// <summary>The incident this event belongs to; set by the service, kept by the store.</summary>
    public int IncidentNumber { get; init; }

    /// <summary>
    /// The inbound request (Slack trigger_id, console requestId...) this event answers; the store records it in the
    /// same append and refuses the key a second time, so a replayed or retried command is recorded once.
    /// </summary>
    public string? RequestKey { get; init; }

    /// <summary>
    /// The time the sender claimed (an alert's startsAt, a message's ts) when it could not be true, too far in the
    /// future or before <see cref="IncidentSettings.Epoch"/>; <see cref="OccurredAt"/> is then when it arrived.
    /// </summary>
    public DateTimeOffset? ClaimedOccurredAt { get; init; }
}

public sealed record Declared(string Title, Severity Severity, bool IsPrivate, ConversationRef? Origin, string? Description = null) : IncidentEvent;

/// <summary>A role changed hands. <see cref="Previous"/> is the holder it was taken from, so the handoff is on the timeline.</summary>
public sealed record RoleAssigned(string Role, Actor Assignee, Actor? Previous) : IncidentEvent;

public sealed record SeverityChanged(Severity From, Severity To) : IncidentEvent;

public sealed record StatusChanged(IncidentStatus From, IncidentStatus To) : IncidentEvent;

/// <summary>
/// A status update for stakeholders. <see cref="NextUpdateIn"/> is the poster's own promise ("update next 10m"),
/// which sets the next reminder for this round instead of the severity's cadence; absent in older events.
/// </summary>
public sealed record StatusUpdatePosted(string Text, TimeSpan? NextUpdateIn = null) : IncidentEvent;

public sealed record NoteAdded(string Text) : IncidentEvent;

/// <summary>
/// An action item; its owner gets a nudge when it is due: at <see cref="DueAt"/> ("due friday"), else <see cref="DueIn"/>
/// after it was added (older events, and durations).
/// </summary>
public sealed record ActionItemAdded(int ItemNumber, string Text, Actor? Owner, TimeSpan? DueIn = null, DateTimeOffset? DueAt = null) : IncidentEvent;

public sealed record Resolved(string? Summary) : IncidentEvent;

public sealed record Closed : IncidentEvent;

public sealed record Reopened : IncidentEvent;

/// <summary>The event's <see cref="IncidentEvent.Actor"/> now receives the incident's stakeholder updates by direct message.</summary>
public sealed record Subscribed : IncidentEvent;

/// <summary>The event's <see cref="IncidentEvent.Actor"/> no longer receives the incident's updates.</summary>
public sealed record Unsubscribed : IncidentEvent;

// Side effects in chat, recorded by the reconciler so it knows what is done.

public sealed record ChannelOpened(ConversationRef Channel) : IncidentEvent;

public sealed record MembersInvited(IReadOnlyList<string> UserIds) : IncidentEvent;

public sealed record TopicSet(string Topic) : IncidentEvent;

/// <summary>The kick-off card was posted; <see cref="Fingerprint"/> is what it showed (<c>IncidentCard</c>), absent in older events.</summary>
public sealed record KickoffPosted(string MessageId, string? Fingerprint = null) : IncidentEvent;

/// <summary>Announced to stakeholders; <see cref="Channel"/> is null when the platform has no stakeholder channel to announce in.</summary>
public sealed record Announced(ConversationRef? Channel, string? MessageId) : IncidentEvent;

/// <summary>The reconciler has posted the channel messages for every event up to <see cref="ThroughVersion"/>.</summary>
public sealed record ChannelMessagesPosted(long ThroughVersion) : IncidentEvent;

/// <summary>
/// The bot reminded someone. <see cref="DueAt"/> is the due time it answered, not when it was sent: it is how the
/// policy knows this round is done, and half of the key that makes the reminder fire once across replicas.
/// </summary>
public sealed record ReminderSent(ReminderKind Kind, DateTimeOffset DueAt, int? ActionItemNumber = null) : IncidentEvent;

// Alerts (Core/Alerts): what the monitoring said, on the same timeline as what people did.

/// <summary>The incident is the one for this alert group (sender + group key); later notifications of the group land here.</summary>
public sealed record AlertGroupLinked(string GroupKey) : IncidentEvent;

/// <summary>
/// An alert of the group started firing. <see cref="IncidentEvent.OccurredAt"/> is the alert's own startsAt, so the
/// earliest of these is when the problem was detected, which may well be before anyone declared anything.
/// </summary>
public sealed record AlertFired(string GroupKey, string Fingerprint, string Summary, IReadOnlyDictionary<string, string> Labels,
    IReadOnlyList<AlertLink> Links) : IncidentEvent;

/// <summary>
/// An alert stopped firing; <see cref="IncidentEvent.OccurredAt"/> is its endsAt. <see cref="AllResolved"/>: it was the
/// last one still firing, which is when the bot suggests resolving the incident.
/// </summary>
public sealed record AlertResolved(string GroupKey, string Fingerprint, string Summary, bool AllResolved) : IncidentEvent;

public sealed record AlertLink(string Label, string Url);

public sealed record PurposeSet(string Purpose) : IncidentEvent;

// Timeline capture: chat messages a responder marked as part of the incident (pinned, reacted to, shortcut).

/// <summary>
/// A chat message put on the timeline. <see cref="IncidentEvent.OccurredAt"/> is the message's own time and
/// <see cref="IncidentEvent.Actor"/> who captured it; <see cref="Author"/> wrote it. <see cref="MessageId"/> is the
/// platform's message id (a Slack ts), the key that makes capturing it again a no-op and lets edits follow it.
/// </summary>
public sealed record MessageCaptured(string MessageId, Actor Author, string Text, string? Permalink = null,
    IReadOnlyList<CapturedFile>? Files = null, string? ThreadId = null) : IncidentEvent;

public sealed record CapturedFile(string Name, string? Permalink);

/// <summary>A captured message was edited in chat. The earlier text stays on the timeline in its own event.</summary>
public sealed record CapturedMessageEdited(string MessageId, string Text) : IncidentEvent;

/// <summary>A captured message was deleted in chat. Its capture stays on the timeline; this records that it is gone.</summary>
public sealed record CapturedMessageDeleted(string MessageId) : IncidentEvent;

/// <summary>Someone joined the incident channel, so they take part even without a role.</summary>
public sealed record ParticipantJoined(Actor Participant) : IncidentEvent;
/// <summary>The postmortem draft was posted in the incident channel at close (once; a closed incident stays closed).</summary>
public sealed record PostmortemDrafted(ConversationRef Channel, string MessageId) : IncidentEvent;

/// <summary>The change (a deploy, a pull request, a config push: a URL or an id) that caused the incident, for DORA's change failure rate.</summary>
public sealed record ChangeLinked(string Change) : IncidentEvent;
