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
        AppendActionItems(sb, incident);
        return sb.ToString();
    }

    /// <summary>
    /// Each action item as it stands at export time (the rows above say how it got there): owner, due date and state,
    /// so a reader need not replay the done/reopen/owner/due rows. Open or done; "overdue" depends on when it is read.
    /// </summary>
    private static void AppendActionItems(StringBuilder sb, Incident incident)
    {
        if (incident.ActionItems.Count == 0)
        {
            return;
        }

        sb.Append("\n## Action items\n\n| # | Action | Owner | Due (UTC) | State |\n|---|---|---|---|---|\n");
        foreach (var item in incident.ActionItems)
        {
            sb.Append("| ").Append(item.Number)
                .Append(" | ").Append(MarkdownText.Inline(item.Text))
                .Append(" | ").Append(item.Owner is null ? "_unassigned_" : MarkdownText.Inline(item.Owner.Mention))
                .Append(" | ").Append(item.DueAt is { } due ? TimeText.Utc(due) : "_not set_")
                .Append(" | ").Append(item.IsDone ? $"done {TimeText.Utc(item.DoneAt!.Value)}" : "open")
                .Append(" |\n");
        }
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
