using System.Text;
using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Core.Timeline;

/// <summary>The timeline as a readable Markdown table, for pasting into a postmortem document or a wiki.</summary>
public static class MarkdownTimelineExporter
{
    public static string Export(Incident incident, IReadOnlyList<IncidentEvent> events, TimelineSettings settings, bool includeBookkeeping = false)
    {
        var sb = new StringBuilder();
        sb.Append("# Timeline of ").Append(incident.Key).Append(": ").Append(MarkdownText.Inline(incident.Title)).Append("\n\n");
        sb.Append('_').Append(TimelineExporter.Contents(events, includeBookkeeping)).Append("._\n\n");
        AppendTable(sb, TimelineRow.From(events, includeBookkeeping), settings);
        return sb.ToString();
    }

    /// <summary>The table alone; the postmortem draft embeds it.</summary>
    public static void AppendTable(StringBuilder sb, IReadOnlyList<TimelineRow> rows, TimelineSettings settings)
    {
        if (rows.Count == 0)
        {
            sb.Append("_Nothing is on the timeline._\n");
            return;
        }

        var local = settings.ShowsLocalTime;
        sb.Append("| T+ | Time (UTC) |").Append(local ? $" Time ({MarkdownText.Inline(settings.TimeZone.Id)}) |" : "").Append(" Type | Who | Source | Entry |\n");
        sb.Append("|---|---|").Append(local ? "---|" : "").Append("---|---|---|---|\n");
        foreach (var row in rows)
        {
            sb.Append("| ").Append(TimeText.Offset(row.SinceDeclared))
                .Append(" | ").Append(TimeText.Utc(row.OccurredAt));
            if (local)
            {
                sb.Append(" | ").Append(TimeText.Local(row.OccurredAt, settings.TimeZone));
            }

            sb.Append(" | ").Append(row.Type)
                .Append(" | ").Append(MarkdownText.Inline(row.Actor))
                .Append(" | ").Append(row.Source)
                .Append(" | ").Append(MarkdownText.Inline(row.Text))
                .Append(" |\n");
        }
    }
}
