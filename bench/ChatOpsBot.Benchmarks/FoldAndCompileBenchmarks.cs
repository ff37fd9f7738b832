using BenchmarkDotNet.Attributes;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Postmortems;
using ChatOpsBot.Core.Timeline;

namespace ChatOpsBot.Benchmarks;

/// <summary>
/// Scenario 3: everything derived from a whole timeline (the state fold, the postmortem and the three exports) for
/// incidents of 100 to 100,000 events. The JSON export is the baseline: the cheapest full pass that serialises every
/// event once. Each should grow ~10x per 10x events; 100x would mean a quadratic pass somewhere.
/// </summary>
[MemoryDiagnoser]
public class FoldAndCompileBenchmarks
{
    private IReadOnlyList<IncidentEvent> _events = [];
    private Incident _incident = Incident.None;
    private PostmortemCompiler _compiler = null!;

    [Params(100, 1_000, 10_000, 100_000)]
    public int Events { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _events = BusyIncident.Events(Events);
        _incident = Incident.Fold(_events);
        _compiler = new PostmortemCompiler(new TimelineSettings(TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki")), BlamelessReview.Default);
    }

    [Benchmark(Baseline = true)]
    public string ExportJson() => JsonTimelineExporter.Export(_incident, _events);

    [Benchmark]
    public Incident Fold() => Incident.Fold(_events);

    [Benchmark]
    public string CompilePostmortem() => _compiler.Compile(_events).Markdown;

    [Benchmark]
    public string ExportCsv() => CsvTimelineExporter.Export(_events);

    [Benchmark]
    public string ExportMarkdown() => MarkdownTimelineExporter.Export(_incident, _events, TimelineSettings.Utc);
}
