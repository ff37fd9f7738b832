using System.Text;
using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Core.Timeline;

/// <summary>
/// The timeline as RFC 4180 CSV: a header, one record per event, CRLF line ends, fields quoted when they hold a
/// comma, a quote or a line break (quotes doubled). A cell that a spreadsheet would run as a formula
/// (starting with = + - @, or a tab or carriage return that some spreadsheets skip before one) gets a leading
/// apostrophe, as OWASP recommends: a note saying "=HYPERLINK(...)" stays text when the scribe opens the file.
/// </summary>
public static class CsvTimelineExporter
{
    public static readonly IReadOnlyList<string> Header = ["time_utc", "t_plus", "type", "actor", "source", "text"];

    public static string Export(IReadOnlyList<IncidentEvent> events, bool includeBookkeeping = false)
    {
        var sb = new StringBuilder();
        AppendRecord(sb, Header);
        foreach (var row in TimelineRow.From(events, includeBookkeeping))
        {
            AppendRecord(sb, [TimeText.Iso(row.OccurredAt), TimeText.Offset(row.SinceDeclared), row.Type, row.Actor, row.Source, row.Text]);
        }

        return sb.ToString();
    }

    /// <summary>What a cell holds after defusing formulas; exposed so tests can state the rule, not re-implement it.</summary>
    public static string SafeCell(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;

    private static void AppendRecord(StringBuilder sb, IReadOnlyList<string> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            var cell = SafeCell(cells[i]);
            if (cell.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                sb.Append('"').Append(cell.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                sb.Append(cell);
            }
        }

        sb.Append("\r\n");
    }
}
