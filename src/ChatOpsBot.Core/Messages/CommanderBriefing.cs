using System.Text;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Timeline;

namespace ChatOpsBot.Core.Messages;

/// <summary>
/// What a new commander needs in the first minute of a handoff: severity and status, how long it has run, the
/// last stakeholder update and when the next is due, open action items, who holds which role, the latest notes.
/// Posted in the channel when the commander changes hands, and on demand with "/incident brief".
/// </summary>
public static class CommanderBriefing
{
    private const int LatestNotes = 3;

    /// <param name="nextUpdateDue">From the reminder schedule; null when none is known, and the briefing says so.</param>
    public static ChatMessage Build(Incident incident, IReadOnlyList<IncidentEvent> events, DateTimeOffset now, DateTimeOffset? nextUpdateDue)
    {
        var commander = incident.Commander is { } c ? ChatText.Mention(c) : "nobody yet";
        var running = TimeText.Duration((incident.ResolvedAt ?? now) - incident.DeclaredAt);
        var lastUpdate = incident.LastStatusUpdateAt is { } at
            ? $"{TimeText.Utc(at)} ({TimeText.Duration(now - at)} ago): {ChatText.Inert(incident.LastStatusUpdate ?? "")}"
            : "none posted yet";
        var nextUpdate = nextUpdateDue is { } due
            ? $"{TimeText.Utc(due)} ({(due >= now ? $"in {TimeText.Duration(due - now)}" : $"overdue by {TimeText.Duration(now - due)}")})"
            : incident.Status.IsOpen() ? "no reminder is scheduled; agree a cadence with stakeholders" : "none: the incident is no longer open";
        var actions = incident.ActionItems.Count == 0
            ? "none"
            : string.Join("\n", incident.ActionItems.Select(a => $"#{a.Number} {ChatText.Inert(a.Text)}{(a.Owner is null ? " (unassigned)" : $" ({ChatText.Mention(a.Owner)})")}"));
        var roles = incident.Roles.Count == 0
            ? "none"
            : string.Join("\n", incident.Roles.OrderBy(r => r.Key == Roles.Commander ? 0 : 1).ThenBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key}: {ChatText.Mention(r.Value)}"));
        var notes = events.OfType<NoteAdded>().TakeLast(LatestNotes).ToList();
        var latestNotes = notes.Count == 0
            ? "none"
            : string.Join("\n", notes.Select(n => $"{TimeText.Utc(n.OccurredAt)} {ChatText.Mention(n.Actor)}: {ChatText.Inert(n.Text)}"));

        var fields = new MessageField[]
        {
            new("Severity and status", $"{incident.Severity.Label()} · {incident.Status.Label()}"),
            new("Running for", running),
            new("Last stakeholder update", lastUpdate),
            new("Next update due", nextUpdate),
            new("Action items", actions),
            new("Roles", roles),
            new("Latest notes", latestNotes),
        };
        var text = new StringBuilder($"🧭 Briefing for {commander}, commander of {incident.Key}: {ChatText.Inert(incident.Title)}");
        foreach (var f in fields)
        {
            text.Append("\n• ").Append(f.Label).Append(": ").Append(f.Value.Replace("\n", "; ", StringComparison.Ordinal));
        }

        return new ChatMessage(text.ToString())
        {
            Title = $"🧭 Briefing for {commander} · {incident.Key} · {ChatText.Inert(incident.Title)}",
            Fields = fields,
            Context = $"{incident.Key} · {ChatText.Code("/incident brief")} shows this again",
        };
    }
}
