using System.Globalization;
using ChatOpsBot.Core.Commands;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Paging;
using ChatOpsBot.Core.StatusPages;
using ChatOpsBot.Core.Tracker;
using ChatOpsBot.Core.Reminders;

namespace ChatOpsBot.Core.Timeline;

/// <summary>One line of plain text per event, as a responder would write it in the timeline.</summary>
public static class TimelineText
{
    public static string Describe(IncidentEvent e) => DescribeWhat(e) + TimeCorrection(e);

    /// <summary>A sender's time that could not be true was replaced by the time it arrived; the line says so.</summary>
    private static string TimeCorrection(IncidentEvent e) => e.ClaimedOccurredAt is { } claimed
        ? string.Create(CultureInfo.InvariantCulture, $" (time corrected: the sender said {claimed.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC; this is when it arrived)")
        : "";

    private static string DescribeWhat(IncidentEvent e) => e switch
    {
        Declared d => $"{e.Actor.Mention} declared {Incident.FormatKey(e.IncidentNumber)} ({d.Severity.Label()}{(d.IsPrivate ? ", private" : "")}): {d.Title}",
        RoleAssigned r when r.Previous is null => $"{r.Assignee.Mention} is {r.Role}",
        RoleAssigned r => $"{r.Role} handed from {r.Previous!.Mention} to {r.Assignee.Mention}",
        SeverityChanged s => $"Severity {(s.To < s.From ? "raised" : "lowered")} from {s.From.Label()} to {s.To.Label()}",
        StatusChanged s => $"Status {s.From.Label()} → {s.To.Label()}",
        StatusUpdatePosted { NextUpdateIn: { } next } u => $"Status update (next in {DurationText.Format(next)}): {u.Text}",
        StatusUpdatePosted u => $"Status update: {u.Text}",
        NoteAdded n => $"Note: {n.Text}",
        ActionItemAdded a => $"Action item #{a.ItemNumber}: {a.Text}{(a.Owner is null ? "" : $" (owner {a.Owner.Mention})")}{(a.DueAt is { } at ? string.Create(CultureInfo.InvariantCulture, $" due {at:yyyy-MM-dd HH:mm} UTC") : a.DueIn is { } due ? $" due in {DurationText.Format(due)}" : "")}",
        Resolved r => r.Summary is null ? "Resolved" : $"Resolved: {r.Summary}",
        Closed => "Closed",
        Reopened => "Reopened",
        ChannelOpened c => $"Channel #{c.Channel.Name ?? c.Channel.Id} opened",
        ChannelOpening o => $"Opening channel #{o.Name}",
        MembersInvited m => $"Invited {string.Join(", ", m.UserIds.Select(u => "@" + u))}",
        TopicSet t => $"Topic set: {t.Topic}",
        KickoffPosted => "Kick-off message posted",
        Announced { Channel: null } => "Not announced: there is no stakeholder channel",
        Announced a => $"Announced in #{a.Channel!.Name ?? a.Channel.Id}",
        ChannelMessagesPosted => "Channel messages posted",
        AlertGroupLinked g => $"Linked to alert group {g.GroupKey}",
        AlertFired f => $"Alert firing: {f.Summary}{(f.Labels.TryGetValue("alertname", out var name) && name != f.Summary ? $" ({name})" : "")}",
        AlertResolved r => $"Alert resolved: {r.Summary}{(r.AllResolved ? " — all alerts resolved" : "")}",
        PurposeSet p => $"Purpose set: {p.Purpose}",
        MessageCaptured m => $"{m.Author.Mention}: {m.Text}{Files(m.Files)}",
        CapturedMessageEdited m => $"Captured message {m.MessageId} edited: {m.Text}",
        CapturedMessageDeleted m => $"Captured message {m.MessageId} deleted in chat",
        ParticipantJoined j => $"{j.Participant.Mention} joined",
        Subscribed => $"{e.Actor.Mention} subscribed to updates",
        Unsubscribed => $"{e.Actor.Mention} unsubscribed from updates",
        ChangeLinked c => $"Caused by change {c.Change}",
        RoleCleared r => $"{r.Previous.Mention} left the {r.Role} role; nobody holds it",
        ActionItemDone d => $"Action item #{d.ItemNumber} done",
        ActionItemReopened r => $"Action item #{r.ItemNumber} reopened",
        ActionItemOwnerChanged o => $"Action item #{o.ItemNumber} {(o.Owner is null ? "has no owner now" : $"owned by {o.Owner.Mention}")}{(o.Previous is null ? "" : $" (was {o.Previous.Mention})")}",
        ActionItemDueChanged d => string.Create(CultureInfo.InvariantCulture, $"Action item #{d.ItemNumber} {(d.DueAt is { } at ? $"due {at:yyyy-MM-dd HH:mm} UTC" : "has no due date now")}"),
        ServiceTagged s => $"Affects service {s.Service}",
        PostmortemDrafted p => $"Postmortem draft posted in #{p.Channel.Name ?? p.Channel.Id}",
        // Invariant: the due time must read the same whatever the server's culture.
        ReminderSent r => string.Create(CultureInfo.InvariantCulture, $"Reminder: {r.Kind.Describe(r.ActionItemNumber)} (due {r.DueAt:yyyy-MM-dd HH:mm:ss} UTC)"),
        PageRequested or Paged or PageFailed or PageResolved or PageAcknowledged => PagingText.Describe(e),
        ActionItemsExportRequested or ActionItemExported or ActionItemExportFailed or ActionItemClosedInTracker => TrackerText.Describe(e),
        PublicUpdatePosted or StatusPageIncidentCreated or StatusPageUpdated or StatusPageIncidentResolved or StatusPageFailed => StatusPageText.Describe(e),
        _ => e.GetType().Name,
    };

    /// <summary>Bookkeeping of the reconciler: on the timeline for completeness, left out of views for people.</summary>
    public static bool IsBookkeeping(IncidentEvent e) => e is ChannelMessagesPosted or TopicSet or PurposeSet or MembersInvited or KickoffPosted or ChannelOpening;

    private static string Files(IReadOnlyList<CapturedFile>? files) =>
        files is null or { Count: 0 } ? "" : $" [files: {string.Join(", ", files.Select(f => f.Permalink is null ? f.Name : $"{f.Name} <{f.Permalink}>"))}]";
}
