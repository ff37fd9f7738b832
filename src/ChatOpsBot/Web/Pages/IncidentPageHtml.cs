using System.Globalization;
using System.Text;
using ChatOpsBot.Chat;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Reminders;
using ChatOpsBot.Core.Timeline;
using static ChatOpsBot.Web.Pages.PageHtml;

namespace ChatOpsBot.Web.Pages;

/// <summary>What the incident page shows: the state, the timeline (filtered by type and person) and the settings to show time in.</summary>
internal sealed record IncidentPageView(Incident Incident, IReadOnlyList<IncidentEvent> Events, TimelineSettings Settings, ReminderSettings Reminders,
    DateTimeOffset Now, string? Type, string? Person, IReadOnlyList<string> Roles);

internal static class IncidentPageHtml
{
    public static string Render(IncidentPageView view)
    {
        var i = view.Incident;
        var n = i.Number.ToString(CultureInfo.InvariantCulture);
        var sb = new StringBuilder(8192 + view.Events.Count * 400);
        sb.Append("<nav class=\"links small\"><a href=\"/incidents\">All incidents</a><a href=\"/status\">Status page</a></nav>\n");
        sb.Append("<h1 id=\"title\">").Append(E(i.Key)).Append(" · ").Append(E(i.Title)).Append("</h1>\n");
        Header(sb, view);
        sb.Append("<nav class=\"links\" id=\"links\">").Append(ChannelLink(i))
            .Append("<a href=\"/incidents/").Append(n).Append("/postmortem\">Postmortem draft</a>")
            .Append("<a href=\"/api/incidents/").Append(n).Append("/timeline?format=md\">Timeline (Markdown)</a>")
            .Append("<a href=\"/api/incidents/").Append(n).Append("/timeline?format=csv\">CSV</a>")
            .Append("<a href=\"/api/incidents/").Append(n).Append("/timeline?format=json\">JSON</a>")
            .Append("<a href=\"/api/incidents/").Append(n).Append("/timeline?format=md&amp;all=true\">Every event</a></nav>\n");
        ActionItems(sb, view);
        Timeline(sb, view);
        return sb.ToString();
    }

    private static void Header(StringBuilder sb, IncidentPageView view)
    {
        var i = view.Incident;
        sb.Append("<dl class=\"facts\" id=\"facts\">")
            .Append(CultureInfo.InvariantCulture, $"<dt>Severity</dt><dd class=\"sev sev{(int)i.Severity}\">{E(i.Severity.Label())}</dd>")
            .Append("<dt>Status</dt><dd id=\"status\">").Append(E(i.Status.Label())).Append(i.IsPrivate ? "<span class=\"badge\">private</span>" : "").Append("</dd>");
        foreach (var role in view.Roles)
        {
            sb.Append("<dt>").Append(E(Capitalized(role))).Append("</dt><dd data-role=\"").Append(E(role)).Append("\">")
                .Append(i.Roles.GetValueOrDefault(role) is { } holder ? E(holder.Mention) : "<span class=\"muted\">unassigned</span>").Append("</dd>");
        }

        Fact(sb, "Declared", i.DeclaredAt, view.Settings);
        Fact(sb, "Resolved", i.ResolvedAt, view.Settings);
        Fact(sb, "Closed", i.ClosedAt, view.Settings);
        Fact(sb, "Last update", i.LastStatusUpdateAt, view.Settings);
        if (i.LastStatusUpdate is { } update)
        {
            sb.Append("<dt>Latest update</dt><dd class=\"text\">").Append(E(update)).Append("</dd>");
        }

        sb.Append("<dt>Next update due</dt><dd id=\"next-update\">");
        if (ReminderPolicy.StatusUpdateDueAt(i, view.Reminders) is { } due)
        {
            sb.Append(When(due, view.Settings)).Append(due < view.Now ? " <strong class=\"state-overdue\">(overdue)</strong>" : "");
        }
        else
        {
            sb.Append("<span class=\"muted\">not scheduled</span>");
        }

        sb.Append("</dd>");
        if (i.ResolutionSummary is { } summary)
        {
            sb.Append("<dt>Summary</dt><dd class=\"text\">").Append(E(summary)).Append("</dd>");
        }

        sb.Append("</dl>\n");
    }

    private static void ActionItems(StringBuilder sb, IncidentPageView view)
    {
        var items = view.Incident.ActionItems;
        sb.Append("<h2>Action items</h2>\n");
        if (items.Count == 0)
        {
            sb.Append("<p class=\"muted\" id=\"no-action-items\">No action items yet.</p>\n");
            return;
        }

        sb.Append("<table id=\"action-items\"><thead><tr><th>#</th><th>Action</th><th>Owner</th><th>Due</th><th>State</th></tr></thead><tbody>\n");
        foreach (var item in items)
        {
            var (state, css) = item.IsDone ? ("done", "state-done") : item.IsOverdue(view.Now) ? ("overdue", "state-overdue") : ("open", "");
            sb.Append(CultureInfo.InvariantCulture, $"<tr data-item=\"{item.Number}\"><td>{item.Number}</td><td class=\"text\">{E(item.Text)}</td><td>{E(item.Owner?.Mention ?? "—")}</td><td>")
                .Append(item.DueAt is { } due ? When(due, view.Settings) : "<span class=\"muted\">not set</span>")
                .Append("</td><td class=\"").Append(css).Append("\">").Append(state).Append("</td></tr>\n");
        }

        sb.Append("</tbody></table>\n");
    }

    private static void Timeline(StringBuilder sb, IncidentPageView view)
    {
        var all = TimelineRow.From(view.Events);
        var rows = all.Where(r => (view.Type is null || r.Type.Equals(view.Type, StringComparison.OrdinalIgnoreCase))
            && (view.Person is null || r.Actor.Equals(view.Person, StringComparison.OrdinalIgnoreCase))).ToList();
        var local = view.Settings.ShowsLocalTime;
        sb.Append("<h2>Timeline</h2>\n<form class=\"filters\" id=\"timeline-filters\" method=\"get\">");
        IncidentListHtml.Select(sb, "type", "Type", all.Select(r => r.Type).Distinct().Order(StringComparer.Ordinal).Prepend(""), view.Type ?? "");
        IncidentListHtml.Select(sb, "person", "Person", all.Select(r => r.Actor).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).Prepend(""), view.Person ?? "");
        var bookkeeping = view.Events.Count - all.Count;
        sb.Append("<button type=\"submit\">Filter</button></form>\n")
            .Append(CultureInfo.InvariantCulture, $"<p class=\"muted small\" id=\"timeline-count\">{rows.Count} of {all.Count} entries")
            .Append(bookkeeping > 0 ? string.Create(CultureInfo.InvariantCulture, $"; {bookkeeping} bot bookkeeping events left out (<a href=\"/api/incidents/{view.Incident.Number}/timeline?format=md&amp;all=true\">every event</a>)") : "")
            .Append(". T+ counts from the declaration.</p>\n");
        sb.Append("<table id=\"timeline\"><thead><tr><th>T+</th><th>Time (UTC)</th>")
            .Append(local ? $"<th>Time ({E(view.Settings.TimeZone.Id)})</th>" : "")
            .Append("<th>Type</th><th>Who</th><th>Entry</th></tr></thead><tbody>\n");
        foreach (var r in rows)
        {
            sb.Append("<tr><td>").Append(E(TimeText.Offset(r.SinceDeclared))).Append("</td><td>").Append(E(TimeText.Utc(r.OccurredAt))).Append("</td>")
                .Append(local ? $"<td>{E(TimeText.Local(r.OccurredAt, view.Settings.TimeZone))}</td>" : "")
                .Append("<td>").Append(E(r.Type)).Append("</td><td>").Append(E(r.Actor)).Append("</td><td class=\"text\">").Append(E(r.Text)).Append("</td></tr>\n");
        }

        sb.Append("</tbody></table>\n");
    }

    /// <summary>The console's channels open at /#name; other platforms' channels are named, not linked.</summary>
    private static string ChannelLink(Incident i) => i.Channel switch
    {
        null => "<span class=\"muted\">No channel yet</span>",
        { Platform: ChatPlatforms.Console } c => $"<a id=\"channel-link\" href=\"/#{Uri.EscapeDataString(c.Name ?? c.Id)}\">#{E(c.Name ?? c.Id)}</a>",
        var c => $"<span id=\"channel-link\">#{E(c.Name ?? c.Id)} ({E(c.Platform)})</span>",
    };

    private static void Fact(StringBuilder sb, string label, DateTimeOffset? at, TimelineSettings settings) =>
        sb.Append("<dt>").Append(label).Append("</dt><dd>").Append(at is { } t ? When(t, settings) : "<span class=\"muted\">—</span>").Append("</dd>");

    private static string Capitalized(string role) => role.Length == 0 ? role : char.ToUpperInvariant(role[0]) + role[1..];
}
