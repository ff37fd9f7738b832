using ChatOpsBot.Core.Alerts;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Paging;
using ChatOpsBot.Core.StatusPages;
using ChatOpsBot.Core.Tracker;

namespace ChatOpsBot.Core.Messages;

/// <summary>The messages the bot posts about an incident, built once and rendered by each platform.</summary>
public static class IncidentMessages
{
    public static string Topic(Incident incident) =>
        $"{incident.Severity.Label()} · {Capitalize(incident.Status.Label())} · IC: {incident.Commander?.Mention ?? "none"}";

    public static string Purpose(Incident incident) => $"{incident.Key}: {incident.Title}";

    public static ChatMessage Kickoff(Incident incident) => new($"{incident.Key} declared: {incident.Title}")
    {
        Title = $"🚨 {incident.Key} · {incident.Severity.Label()} · {incident.Title}",
        Fields =
        [
            new("Severity", incident.Severity.Label()),
            new("Status", Capitalize(incident.Status.Label())),
            new("Commander", incident.Commander?.Mention ?? "none"),
            new("Scribe", incident.Scribe?.Mention ?? "none"),
            .. incident.Description is null ? Array.Empty<MessageField>() : [new MessageField("Description", incident.Description)],
            .. AlertMessages.KickoffFields(incident),
        ],
        Links = AlertMessages.KickoffLinks(incident),
        Actions =
        [
            new("take-commander", "Take commander", $"/incident {incident.Key} commander {{me}}"),
            new("take-scribe", "Take scribe", $"/incident {incident.Key} scribe {{me}}"),
            new("change-severity", "Change severity", $"/incident {incident.Key} severity "),
            new("post-update", "Post update", $"/incident {incident.Key} update "),
            new("resolve", "Resolve", $"/incident {incident.Key} resolve ", IsPrimary: true),
        ],
        Context = $"Declared by {incident.Declarer.Mention} · type `/incident help` for commands",
    };

    public static ChatMessage Announcement(Incident incident) => new(
        $"{incident.Key} ({incident.Severity.Label()}) declared: {incident.Title} — join #{incident.Channel?.Name ?? incident.Channel?.Id}")
    {
        Title = $"{incident.Key} · {incident.Severity.Label()} · {incident.Title}",
        Fields =
        [
            new("Commander", incident.Commander?.Mention ?? "none"),
            new("Channel", $"#{incident.Channel?.Name ?? incident.Channel?.Id}"),
        ],
    };

    /// <summary>The short message an event earns in the incident channel, or null if it needs none.</summary>
    public static ChatMessage? ForEvent(IncidentEvent e) => e switch
    {
        RoleAssigned { Version: <= 2 } => null, // the commander named at declaration is on the kick-off message
        RoleAssigned r => new(r.Previous is null
            ? $"👤 {r.Assignee.Mention} is now {r.Role}."
            : $"👤 {r.Role} handed from {r.Previous.Mention} to {r.Assignee.Mention}."),
        SeverityChanged s => new($"{(s.To < s.From ? "⬆️" : "⬇️")} Severity changed from {s.From.Label()} to {s.To.Label()} by {e.Actor.Mention}."),
        StatusChanged s => new($"🔄 Status: {Capitalize(s.From.Label())} → {Capitalize(s.To.Label())} ({e.Actor.Mention})."),
        StatusUpdatePosted u => new($"📣 Status update from {e.Actor.Mention}: {u.Text}") { Title = "Status update" },
        ActionItemAdded a => new($"☑️ Action item #{a.ItemNumber}: {a.Text}{(a.Owner is null ? "" : $" — owner {a.Owner.Mention}")}"),
        Resolved r => new($"✅ Resolved by {e.Actor.Mention}{(r.Summary is null ? "." : $": {r.Summary}")}"),
        Closed => new($"🔒 Closed by {e.Actor.Mention}."),
        Reopened => new($"♻️ Reopened by {e.Actor.Mention}."),
        AlertFired f => AlertMessages.Fired(f),
        AlertResolved r => AlertMessages.Resolved(r, Incident.FormatKey(r.IncidentNumber)),
        Paged or PageFailed or PageAcknowledged => PagingText.ForChannel(e),
        ActionItemExported or ActionItemExportFailed or ActionItemClosedInTracker => TrackerText.ForChannel(e),
        StatusPageIncidentCreated or StatusPageFailed => StatusPageText.ForChannel(e),
        _ => null,
    };

    private static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
