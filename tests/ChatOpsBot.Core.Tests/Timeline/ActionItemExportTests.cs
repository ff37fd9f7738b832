using System.Text.Json;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Tests.Support;
using ChatOpsBot.Core.Timeline;

namespace ChatOpsBot.Core.Tests.Timeline;

/// <summary>The exports say where each action item stands (owner, due date, state), not only the rows that changed it.</summary>
public class ActionItemExportTests
{
    private static readonly Actor Bob = new("U2", "bob");

    [Fact]
    public void TheMarkdownAndJsonExportsShowEachItemsOwnerDueDateAndState()
    {
        var history = IncidentHistory.Declared()
            .Then(i => i.AddActionItem("Add a canary", Bob, TimeSpan.FromDays(2)))
            .Then(i => i.AddActionItem("Write the runbook", null, null));
        history.Clock.Advance(TimeSpan.FromHours(1));
        history.Then(i => i.MarkActionItemDone(1), Bob);
        var exporter = new TimelineExporter(TimelineSettings.Utc);

        var markdown = exporter.Export(TimelineFormat.Markdown, history.State, history.Events).Content;
        var json = JsonDocument.Parse(exporter.Export(TimelineFormat.Json, history.State, history.Events).Content).RootElement;

        Assert.Contains("## Action items", markdown, StringComparison.Ordinal);
        Assert.Contains("| 1 | Add a canary | @bob | 2025-03-16 09:00:00 UTC | done 2025-03-14 10:00:00 UTC |", markdown, StringComparison.Ordinal);
        Assert.Contains("| 2 | Write the runbook | _unassigned_ | _not set_ | open |", markdown, StringComparison.Ordinal);
        var items = json.GetProperty("actionItems").EnumerateArray().ToList();
        Assert.Equal(["done", "open"], items.Select(i => i.GetProperty("state").GetString()));
        Assert.Equal(new DateTimeOffset(2025, 3, 16, 9, 0, 0, TimeSpan.Zero), items[0].GetProperty("due").GetDateTimeOffset());
        Assert.Equal("U2", items[0].GetProperty("owner").GetProperty("id").GetString());
        Assert.False(items[1].TryGetProperty("due", out _));
        // The events are still exactly the stored ones: the summary is beside them, not instead.
        Assert.Equal(history.Events.Count, JsonTimelineExporter.Parse(exporter.Export(TimelineFormat.Json, history.State, history.Events).Content).Count);
    }

    [Fact]
    public void AnIncidentWithoutActionItemsHasNoSection()
    {
        var history = IncidentHistory.Declared();

        Assert.DoesNotContain("## Action items", new TimelineExporter(TimelineSettings.Utc).Export(TimelineFormat.Markdown, history.State, history.Events).Content, StringComparison.Ordinal);
    }
}
