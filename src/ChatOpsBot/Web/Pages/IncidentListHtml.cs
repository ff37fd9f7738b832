using System.Globalization;
using System.Text;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Timeline;
using static ChatOpsBot.Web.Pages.PageHtml;

namespace ChatOpsBot.Web.Pages;

internal static class IncidentListHtml
{
    public static string Render(IReadOnlyList<Incident> incidents, IncidentFilter filter, TimelineSettings settings)
    {
        var sb = new StringBuilder(2048 + incidents.Count * 300);
        sb.Append("<h1>Incidents</h1>\n<form class=\"filters\" method=\"get\" action=\"/incidents\">");
        Select(sb, "status", "Status", ["all", "open", "resolved", "closed"], filter.Status);
        Select(sb, "severity", "Severity", ["all", "sev1", "sev2", "sev3", "sev4"], filter.Severity?.ToString().ToLowerInvariant() ?? "all");
        sb.Append("<label>Text<input type=\"search\" name=\"q\" value=\"").Append(E(filter.Text)).Append("\"></label><button type=\"submit\">Filter</button></form>\n");
        if (incidents.Count == 0)
        {
            return sb.Append("<p class=\"muted\" id=\"no-incidents\">No incidents match.</p>").ToString();
        }

        sb.Append("<table id=\"incidents\"><thead><tr><th>Incident</th><th>Title</th><th>Severity</th><th>Status</th><th>Commander</th><th>Declared</th></tr></thead><tbody>\n");
        foreach (var i in incidents)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<tr data-incident=\"{i.Number}\"><td><a href=\"/incidents/{i.Number}\">{E(i.Key)}</a>{(i.IsPrivate ? "<span class=\"badge\">private</span>" : "")}</td>")
                .Append("<td class=\"text\">").Append(E(i.Title)).Append("</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"sev sev{(int)i.Severity}\">{E(i.Severity.Label())}</td><td>{E(i.Status.Label())}</td>")
                .Append("<td>").Append(E(i.Commander?.Mention ?? "none")).Append("</td><td>").Append(When(i.DeclaredAt, settings)).Append("</td></tr>\n");
        }

        return sb.Append("</tbody></table>").ToString();
    }

    internal static void Select(StringBuilder sb, string name, string label, IEnumerable<string> options, string? selected)
    {
        sb.Append("<label>").Append(E(label)).Append("<select name=\"").Append(name).Append("\">");
        foreach (var o in options)
        {
            sb.Append("<option value=\"").Append(E(o)).Append('"').Append(o == selected ? " selected" : "").Append('>').Append(E(o)).Append("</option>");
        }

        sb.Append("</select></label>");
    }
}
