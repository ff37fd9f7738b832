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

    public TimelineExport Export(TimelineFormat format, Incident incident, IReadOnlyList<IncidentEvent> events) => format switch
    {
        TimelineFormat.Markdown => new(MarkdownTimelineExporter.Export(incident, events, settings), "text/markdown; charset=utf-8", $"{incident.Key}-timeline.md"),
        TimelineFormat.Csv => new(CsvTimelineExporter.Export(events), "text/csv; charset=utf-8", $"{incident.Key}-timeline.csv"),
        TimelineFormat.Json => new(JsonTimelineExporter.Export(incident, events), "application/json; charset=utf-8", $"{incident.Key}-timeline.json"),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown timeline format."),
    };
}
