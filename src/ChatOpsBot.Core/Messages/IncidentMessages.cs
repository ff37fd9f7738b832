using ChatOpsBot.Core.Alerts;
using ChatOpsBot.Core.Incidents;
using static ChatOpsBot.Core.Messages.ChatText;
using ChatOpsBot.Core.Paging;
using ChatOpsBot.Core.StatusPages;
using ChatOpsBot.Core.Timeline;
using ChatOpsBot.Core.Tracker;

namespace ChatOpsBot.Core.Messages;

/// <summary>
/// The messages the bot posts about an incident, built once and rendered by each platform. People are mention
/// tokens (<see cref="ChatText.Mention"/>); whatever a person or an alert wrote goes through <see cref="ChatText.Inert"/>.
/// </summary>
public static class IncidentMessages
{
    /// <summary>Channel topics are plain text on every platform: names, no mention tokens.</summary>
    public static string Topic(Incident incident) =>
        $"{incident.Severity.Label()} · {Capitalize(incident.Status.Label())} · IC: {incident.Commander?.Mention ?? "none"}";

    public static string Purpose(Incident incident) => $"{incident.Key}: {incident.Title}";

    /// <summary>
    /// The incident's card: the kick-off message, kept up to date in place (<see cref="IncidentCard"/>). Its buttons
    /// follow the state: Resolve while open, Reopen once resolved, none once closed. It links to the incident page.
    /// </summary>
    public static ChatMessage Kickoff(Incident incident, DateTimeOffset? nextUpdateDue = null, PageLinks? links = null) => new($"{incident.Key} declared: {Inert(incident.Title)}")
    {
        Title = $"🚨 {incident.Key} · {incident.Severity.Label()} · {Inert(incident.Title)}",
        Fields =
        [
            new("Severity", incident.Severity.Label()),
            new("Status", Capitalize(incident.Status.Label())),
            new("Commander", Who(incident.Commander)),
            new("Scribe", Who(incident.Scribe)),
            .. nextUpdateDue is { } due && incident.Status.IsOpen()
                ? [new MessageField("Next update due", due.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture))]
                : Array.Empty<MessageField>(),
            .. incident.Description is null ? Array.Empty<MessageField>() : [new MessageField("Description", Inert(incident.Description))],
            .. AlertMessages.KickoffFields(incident),
        ],
        Links = [.. AlertMessages.KickoffLinks(incident), IncidentPage(incident, links)],
        Actions = CardActions(incident),
        Context = incident.Status == IncidentStatus.Closed
            ? $"Declared by {Mention(incident.Declarer)} · closed"
            : $"Declared by {Mention(incident.Declarer)} · type {Code("/incident help")} for commands",
    };

    private static IReadOnlyList<MessageAction> CardActions(Incident incident) => incident.Status switch
    {
        IncidentStatus.Closed => [],
        IncidentStatus.Resolved =>
        [
            new("post-update", "Post update", $"/incident {incident.Key} update "),
            new("reopen", "Reopen", $"/incident {incident.Key} reopen", IsPrimary: true),
        ],
        _ =>
        [
            new("take-commander", "Take commander", $"/incident {incident.Key} commander {{me}}"),
            new("take-scribe", "Take scribe", $"/incident {incident.Key} scribe {{me}}"),
            new("change-severity", "Change severity", $"/incident {incident.Key} severity "),
            new("post-update", "Post update", $"/incident {incident.Key} update "),
            new("resolve", "Resolve", $"/incident {incident.Key} resolve ", IsPrimary: true),
        ],
    };

    public static ChatMessage Announcement(Incident incident, PageLinks? links = null) => new(
        $"{incident.Key} ({incident.Severity.Label()}) declared: {Inert(incident.Title)} — join #{incident.Channel?.Name ?? incident.Channel?.Id}")
    {
        Title = $"{incident.Key} · {incident.Severity.Label()} · {Inert(incident.Title)}",
        Fields =
        [
            new("Commander", Who(incident.Commander)),
            new("Channel", $"#{incident.Channel?.Name ?? incident.Channel?.Id}"),
        ],
        Links = [IncidentPage(incident, links)],
    };

    /// <summary>The link to the incident's page, for the messages people open it from.</summary>
    public static MessageLink IncidentPage(Incident incident, PageLinks? links) => new("Incident page", (links ?? PageLinks.Relative).Incident(incident.Number));

    /// <summary>The short message an event earns in the incident channel, or null if it needs none.</summary>
    /// <param name="incident">The incident as it stands (for an action item's text); optional, as only the text depends on it.</param>
    /// <param name="timeline">The team's time zone for due dates; UTC without it.</param>
    public static ChatMessage? ForEvent(IncidentEvent e, Incident? incident = null, TimelineSettings? timeline = null) => e switch
    {
        RoleAssigned { Version: <= 2 } => null, // the commander named at declaration is on the kick-off message
        RoleAssigned r => new(r.Previous is null
            ? $"👤 {Mention(r.Assignee)} is now {r.Role}."
            : $"👤 {r.Role} handed from {Mention(r.Previous)} to {Mention(r.Assignee)}."),
        SeverityChanged s => new($"{(s.To < s.From ? "⬆️" : "⬇️")} Severity changed from {s.From.Label()} to {s.To.Label()} by {Mention(e.Actor)}."),
        StatusChanged s => new($"🔄 Status: {Capitalize(s.From.Label())} → {Capitalize(s.To.Label())} ({Mention(e.Actor)})."),
        StatusUpdatePosted u => new($"📣 Status update from {Mention(e.Actor)}: {Inert(u.Text)}") { Title = "Status update" },
        ActionItemAdded a => new($"☑️ Action item #{a.ItemNumber}: {Inert(a.Text)}{(a.Owner is null ? "" : $" — owner {Mention(a.Owner)}")}"),
        Resolved r => new($"✅ Resolved by {Mention(e.Actor)}{(r.Summary is null ? "." : $": {Inert(r.Summary)}")}"),
        Closed => new($"🔒 Closed by {Mention(e.Actor)}."),
        Reopened => new($"♻️ Reopened by {Mention(e.Actor)}."),
        AlertFired f => AlertMessages.Fired(f),
        AlertResolved r => AlertMessages.Resolved(r, Incident.FormatKey(r.IncidentNumber)),
        Paged or PageFailed or PageAcknowledged => PagingText.ForChannel(e),
        ActionItemExported or ActionItemExportFailed or ActionItemClosedInTracker => TrackerText.ForChannel(e),
        StatusPageIncidentCreated or StatusPageFailed => StatusPageText.ForChannel(e),
        RoleCleared or ActionItemChange => ResponderMessages.ForChannel(e, incident, timeline),
        _ => null,
    };

    private static string Who(Actor? actor) => actor is null ? "none" : Mention(actor);

    private static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
