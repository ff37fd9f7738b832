using System.Collections.Immutable;
using ChatOpsBot.Core.Reminders;

namespace ChatOpsBot.Core.Incidents;

/// <summary>
/// An incident's current state: a pure fold over its events. Immutable, so a cached state can be read
/// by many requests while a command folds the next events into a new instance.
/// Persistent collections keep <see cref="Apply"/> cheap, so folding grows linearly with the timeline.
/// </summary>
public sealed partial record Incident
{
    public static readonly Incident None = new();

    public int Number { get; private init; }

    public string Key => FormatKey(Number);

    public string Title { get; private init; } = "";

    public string? Description { get; private init; }

    public Severity Severity { get; private init; }

    public IncidentStatus Status { get; private init; }

    public bool IsPrivate { get; private init; }

    public Actor Declarer { get; private init; } = Actor.Bot;

    public EventSource DeclaredVia { get; private init; }

    /// <summary>Where the incident was declared; the reconciler opens its channel on the same platform.</summary>
    public ConversationRef? Origin { get; private init; }

    public DateTimeOffset DeclaredAt { get; private init; }

    public DateTimeOffset? ResolvedAt { get; private init; }

    public DateTimeOffset? ClosedAt { get; private init; }

    public DateTimeOffset? LastStatusUpdateAt { get; private init; }

    public string? LastStatusUpdate { get; private init; }

    /// <summary>When the last status update promised the next one ("update next 10m"); null: the severity's cadence.</summary>
    public TimeSpan? NextUpdateIn { get; private init; }

    /// <summary>The due time of the last reminder sent, per <see cref="DueReminder.Key"/>.</summary>
    public ImmutableDictionary<string, DateTimeOffset> RemindersSent { get; private init; } =
        ImmutableDictionary.Create<string, DateTimeOffset>(StringComparer.Ordinal);

    public string? ResolutionSummary { get; private init; }

    public ImmutableDictionary<string, Actor> Roles { get; private init; } =
        ImmutableDictionary.Create<string, Actor>(StringComparer.OrdinalIgnoreCase);

    public ImmutableList<RoleAssignment> RoleHistory { get; private init; } = [];

    public ImmutableList<ActionItem> ActionItems { get; private init; } = [];

    public ImmutableList<Severity> SeverityHistory { get; private init; } = [];

    /// <summary>Who gets the stakeholder updates by direct message, by user id.</summary>
    public ImmutableDictionary<string, Actor> Subscribers { get; private init; } = ImmutableDictionary.Create<string, Actor>(StringComparer.Ordinal);

    /// <summary>What the reconciler has done in chat: its own fold of the chat-step events (<see cref="IncidentChat.IsStep"/>).</summary>
    public IncidentChat Chat { get; private init; } = IncidentChat.None;

    /// <summary>The incident's channel, once the reconciler has opened it.</summary>
    public ConversationRef? Channel => Chat.Channel;

    /// <summary>Captured chat messages by message id, with their latest text; deleted ones stay, marked.</summary>
    public ImmutableDictionary<string, CapturedMessage> CapturedMessages { get; private init; } =
        ImmutableDictionary.Create<string, CapturedMessage>(StringComparer.Ordinal);

    /// <summary>Users seen joining the incident channel.</summary>
    public ImmutableHashSet<string> JoinedUserIds { get; private init; } = ImmutableHashSet.Create<string>(StringComparer.Ordinal);

    /// <summary>Changes tagged as having caused the incident (<c>/incident change</c>).</summary>
    public ImmutableList<string> LinkedChanges { get; private init; } = [];

    public long Version { get; private init; }

    /// <summary>The alert groups (sender + group key) whose notifications land on this incident.</summary>
    public ImmutableHashSet<string> AlertGroups { get; private init; } = ImmutableHashSet.Create<string>(StringComparer.Ordinal);

    /// <summary>Every alert seen on this incident, by fingerprint, with whether it is still firing.</summary>
    public ImmutableDictionary<string, AlertState> Alerts { get; private init; } = ImmutableDictionary.Create<string, AlertState>(StringComparer.Ordinal);

    /// <summary>
    /// When monitoring first saw the problem: the earliest alert's startsAt. Null for incidents no alert fed;
    /// the postmortem's "detected" time is this, else <see cref="DeclaredAt"/>.
    /// </summary>
    public DateTimeOffset? DetectedAt { get; private init; }

    public bool Exists => Number > 0;

    public Actor? Commander => Roles.GetValueOrDefault(Incidents.Roles.Commander);

    public Actor? Scribe => Roles.GetValueOrDefault(Incidents.Roles.Scribe);

    /// <summary>Everyone who declared, held a role, or owns an action item: the people the channel should have.</summary>
    public IEnumerable<Actor> Participants =>
        new[] { Declarer }
            .Concat(RoleHistory.Select(a => a.Holder))
            .Concat(ActionItems.Where(i => i.Owner is not null).Select(i => i.Owner!))
            .DistinctBy(a => a.Id);

    public static string FormatKey(int number) => $"INC-{number}";

    public static Incident Fold(IEnumerable<IncidentEvent> events) =>
        events.Aggregate(None, (incident, e) => incident.Apply(e));

    public Incident Apply(IncidentEvent e)
    {
        var next = When(e);
        return next with { Version = e.Version > 0 ? e.Version : Version + 1 };
    }

    private Incident When(IncidentEvent e) => e switch
    {
        Declared d => this with
        {
            Number = d.IncidentNumber,
            Title = d.Title,
            Description = d.Description,
            Severity = d.Severity,
            SeverityHistory = [d.Severity],
            Status = IncidentStatus.Investigating,
            IsPrivate = d.IsPrivate,
            Declarer = d.Actor,
            DeclaredVia = d.Source,
            Origin = d.Origin,
            DeclaredAt = d.OccurredAt,
        },
        RoleAssigned r => WithRole(r),
        SeverityChanged s => this with { Severity = s.To, SeverityHistory = SeverityHistory.Add(s.To) },
        StatusChanged s => this with { Status = s.To },
        StatusUpdatePosted u => this with
        {
            LastStatusUpdateAt = u.OccurredAt, LastStatusUpdate = u.Text, NextUpdateIn = u.NextUpdateIn,
            // A private incident is never broadcast, so it owes no stakeholder copies.
            Chat = IsPrivate ? Chat : Chat.Owe(StakeholderCopiesOf(u)),
        },
        ActionItemAdded a => this with { ActionItems = ActionItems.Add(new ActionItem(a.ItemNumber, a.Text, a.Owner, a.OccurredAt, a.DueAt ?? a.OccurredAt + a.DueIn)) },
        ActionItemChange c => WithActionItemChange(c),
        RoleCleared r => WithoutRole(r),
        Resolved r => this with { Status = IncidentStatus.Resolved, ResolvedAt = r.OccurredAt, ResolutionSummary = r.Summary ?? ResolutionSummary },
        Closed c => this with { Status = IncidentStatus.Closed, ClosedAt = c.OccurredAt },
        Reopened => this with { Status = IncidentStatus.Investigating, ResolvedAt = null },
        _ when IncidentChat.IsStep(e) => this with { Chat = Chat.Apply(e) },
        ReminderSent r => this with { RemindersSent = RemindersSent.SetItem(DueReminder.KeyOf(r.Kind, r.ActionItemNumber), r.DueAt) },
        AlertGroupLinked g => this with { AlertGroups = AlertGroups.Add(g.GroupKey) },
        AlertFired f => this with
        {
            Alerts = Alerts.SetItem(f.Fingerprint, new AlertState(f.Fingerprint, f.Summary, f.Labels, f.Links, f.OccurredAt, IsFiring: true)),
            DetectedAt = DetectedAt is { } detected && detected <= f.OccurredAt ? detected : f.OccurredAt,
        },
        AlertResolved r when Alerts.TryGetValue(r.Fingerprint, out var alert) => this with
        {
            Alerts = Alerts.SetItem(r.Fingerprint, alert with { IsFiring = false }),
        },
        MessageCaptured m => this with { CapturedMessages = CapturedMessages.SetItem(m.MessageId, new CapturedMessage(m.Text, IsDeleted: false)) },
        CapturedMessageEdited m when CapturedMessages.TryGetValue(m.MessageId, out var c) =>
            this with { CapturedMessages = CapturedMessages.SetItem(m.MessageId, c with { Text = m.Text }) },
        CapturedMessageDeleted m when CapturedMessages.TryGetValue(m.MessageId, out var c) =>
            this with { CapturedMessages = CapturedMessages.SetItem(m.MessageId, c with { IsDeleted = true }) },
        ParticipantJoined j => this with { JoinedUserIds = JoinedUserIds.Add(j.Participant.Id) },
        Subscribed s => this with { Subscribers = Subscribers.SetItem(s.Actor.Id, s.Actor) },
        Unsubscribed u => this with { Subscribers = Subscribers.Remove(u.Actor.Id) },
        ChangeLinked c => this with { LinkedChanges = LinkedChanges.Add(c.Change) },
        ServiceTagged s => WithService(s),
        PageRequested or Paged or PageFailed or PageResolved or PageAcknowledged => WithPaging(e),
        ActionItemsExportRequested or ActionItemExported or ActionItemExportFailed or ActionItemClosedInTracker => WithTracker(e),
        PublicUpdatePosted or StatusPageIncidentCreated or StatusPageUpdated or StatusPageIncidentResolved or StatusPageFailed => WithStatusPage(e),
        _ => this, // NoteAdded and events added by later features change no state; they live on the timeline.
    };

    private IEnumerable<PendingStakeholderCopy> StakeholderCopiesOf(StatusUpdatePosted u)
    {
        // The version is the one the store gives the update; a fold of events not yet stored counts on.
        var version = u.Version > 0 ? u.Version : Version + 1;
        return Subscribers.Keys.Order(StringComparer.Ordinal).Prepend(StakeholderCopyDelivered.StakeholderChannel)
            .Select(r => new PendingStakeholderCopy(version, r, u.Text, u.Actor));
    }

    private Incident WithRole(RoleAssigned r)
    {
        var history = RoleHistory;
        var open = history.FindLastIndex(a => a.RelievedAt is null && a.Role.Equals(r.Role, StringComparison.OrdinalIgnoreCase));
        if (open >= 0)
        {
            history = history.SetItem(open, history[open] with { RelievedAt = r.OccurredAt });
        }

        return this with
        {
            Roles = Roles.SetItem(r.Role, r.Assignee),
            RoleHistory = history.Add(new RoleAssignment(r.Role, r.Assignee, r.OccurredAt)),
        };
    }
}
