using ChatOpsBot.Core.Postmortems;
using ChatOpsBot.Core.Tests.Golden;
using ChatOpsBot.Core.Timeline;

namespace ChatOpsBot.Core.Tests.Postmortems;

public class PostmortemGoldenTests
{
    private static readonly TimelineSettings Helsinki = new(TimeZoneInfo.FindSystemTimeZoneById(Sev1Fixture.TimeZone));

    [Fact]
    public void TheSev1FixtureCompilesToTheCommittedDraft()
    {
        var draft = new PostmortemCompiler(Helsinki, BlamelessReview.Default).Compile(Sev1Fixture.Events());

        GoldenFile.Verify("INC-42-postmortem.md", draft.Markdown);
    }

    [Fact]
    public void TheSev1FixtureExportsToTheCommittedMarkdownCsvAndJson()
    {
        var events = Sev1Fixture.Events();
        var incident = Core.Incidents.Incident.Fold(events);
        var exporter = new TimelineExporter(Helsinki);

        GoldenFile.Verify("INC-42-timeline.md", exporter.Export(TimelineFormat.Markdown, incident, events).Content);
        GoldenFile.Verify("INC-42-timeline.csv", exporter.Export(TimelineFormat.Csv, incident, events).Content);
        GoldenFile.Verify("INC-42-timeline.json", exporter.Export(TimelineFormat.Json, incident, events).Content);
    }
}
