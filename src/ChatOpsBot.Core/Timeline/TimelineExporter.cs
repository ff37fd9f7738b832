using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Core.Timeline;

public enum TimelineFormat
{
    Markdown,
    Csv,
    Json,
}

/// <summary>An export ready to send: its text, media type and a file name a browser or chat upload can use.</summary>
public sealed record TimelineExport(string Content, string ContentType, string FileName);

/// <summary>The one entry point for "/incident export" and the HTTP export, so both give the same bytes.</summary>
public sealed class TimelineExporter(TimelineSettings settings)
{
    /// <summary>
    /// What a people-facing export holds, so a reader never wonders why "30 events" shows 13 rows:
    /// "13 entries (17 bot bookkeeping events left out; add `?all=true` for every event)".
    /// </summary>
    public static string Contents(IReadOnlyList<IncidentEvent> events, bool includeBookkeeping = false, TimelineFormat format = TimelineFormat.Markdown)
    {
        var bookkeeping = events.Count(TimelineText.IsBookkeeping);
        if (format == TimelineFormat.Json || includeBookkeeping || bookkeeping == 0)
        {
            return $"{Entries(events.Count)}, every event{(bookkeeping > 0 ? $" ({bookkeeping} of them bot bookkeeping)" : "")}";
        }

        return $"{Entries(events.Count - bookkeeping)} ({bookkeeping} bot bookkeeping event{(bookkeeping == 1 ? "" : "s")} left out; add `?all=true` for every event)";
    }

    private static string Entries(int n) => n == 1 ? "1 entry" : $"{n} entries";

    public const string FormatNames = "md, csv or json";

    public static bool TryParseFormat(string? text, out TimelineFormat format)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "md" or "markdown":
                format = TimelineFormat.Markdown;
                return true;
            case "csv":
                format = TimelineFormat.Csv;
                return true;
            case "json":
                format = TimelineFormat.Json;
                return true;
            default:
                format = default;
                return false;
        }
    }

    /// <param name="includeBookkeeping">Markdown and CSV leave the reconciler's bookkeeping out unless asked (?all=true); JSON always has it.</param>
    public TimelineExport Export(TimelineFormat format, Incident incident, IReadOnlyList<IncidentEvent> events, bool includeBookkeeping = false) => format switch
    {
        TimelineFormat.Markdown => new(MarkdownTimelineExporter.Export(incident, events, settings, includeBookkeeping), "text/markdown; charset=utf-8", $"{incident.Key}-timeline.md"),
        TimelineFormat.Csv => new(CsvTimelineExporter.Export(events, includeBookkeeping), "text/csv; charset=utf-8", $"{incident.Key}-timeline.csv"),
        TimelineFormat.Json => new(JsonTimelineExporter.Export(incident, events), "application/json; charset=utf-8", $"{incident.Key}-timeline.json"),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown timeline format."),
    };
}
