using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Tests.Support;
using ChatOpsBot.Core.Timeline;

namespace ChatOpsBot.Core.Tests.Timeline;

/// <summary>Exports say what they hold: how many entries, and how much bot bookkeeping was left out.</summary>
public class ExportContentsTests
{
    private static IReadOnlyList<IncidentEvent> Timeline() =>
        IncidentHistory.Declared()
            .Then(i => i.AddNote("Rolling back"))
            .Then(_ => Decision.Accept(new TopicSet("SEV2 · investigating")), Actor.Bot)
            .Then(_ => Decision.Accept(new ChannelMessagesPosted(3)), Actor.Bot)
            .Events;

    [Fact]
    public void MarkdownAndCsvCountTheirEntriesAndTheBookkeepingLeftOut()
    {
        var events = Timeline();

        Assert.Equal("3 entries (2 bot bookkeeping events left out; add `?all=true` for every event)", TimelineExporter.Contents(events));
        Assert.Contains("_3 entries (2 bot bookkeeping events left out; add `?all=true` for every event)._",
            new TimelineExporter(TimelineSettings.Utc).Export(TimelineFormat.Markdown, Incident.Fold(events), events).Content, StringComparison.Ordinal);
    }

    [Fact]
    public void AllIncludesTheBookkeepingRows()
    {
        var events = Timeline();
        var exporter = new TimelineExporter(TimelineSettings.Utc);

        var csv = exporter.Export(TimelineFormat.Csv, Incident.Fold(events), events, includeBookkeeping: true).Content;

        Assert.Equal(1 + 5, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("TopicSet", csv, StringComparison.Ordinal);
        Assert.Equal("5 entries, every event (2 of them bot bookkeeping)", TimelineExporter.Contents(events, includeBookkeeping: true));
    }

    [Fact]
    public void WithoutBookkeepingThereIsNothingToExplain()
    {
        var events = IncidentHistory.Declared().Events;

        Assert.Equal("2 entries, every event", TimelineExporter.Contents(events));
    }
}
