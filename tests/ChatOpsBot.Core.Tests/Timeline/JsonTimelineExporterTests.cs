using System.Text.Json;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Tests.Golden;
using ChatOpsBot.Core.Timeline;

namespace ChatOpsBot.Core.Tests.Timeline;

public class JsonTimelineExporterTests
{
    private const int Runs = 300;

    private static readonly string[] NoUsers = [];

    [Fact]
    public void ExportThenParseGivesBackTheSameEventsForRandomTimelines()
    {
        for (var run = 0; run < Runs; run++)
        {
            // One seed per run, printed on failure, so a failing timeline can be replayed.
            var seed = 5_000 + run;
            var events = RandomEvents.Timeline(new Random(seed));
            var incident = Incident.Fold(events);

            var parsed = JsonTimelineExporter.Parse(JsonTimelineExporter.Export(incident, events));

            AssertSameEvents(events, parsed, $"seed {seed}");
        }
    }

    [Fact]
    public void TheFixtureRoundTripsEveryEventIncludingBookkeeping()
    {
        var events = Sev1Fixture.Events();

        var parsed = JsonTimelineExporter.Parse(JsonTimelineExporter.Export(Incident.Fold(events), events));

        AssertSameEvents(events, parsed, "fixture");
        Assert.Equal(events.Count, parsed.Count);
    }

    [Fact]
    public void TheDocumentNamesItsSchemaAndVersion()
    {
        var events = Sev1Fixture.Events();

        using var document = JsonDocument.Parse(JsonTimelineExporter.Export(Incident.Fold(events), events));

        Assert.Equal("chatopsbot.timeline", document.RootElement.GetProperty("schema").GetString());
        Assert.Equal(1, document.RootElement.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("INC-42", document.RootElement.GetProperty("incident").GetProperty("key").GetString());
        Assert.Equal("Declared", document.RootElement.GetProperty("events")[0].GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("""{"schema":"something.else","schemaVersion":1,"incident":{"number":1,"key":"INC-1","title":"t"},"events":[]}""", "not a ChatOpsBot timeline")]
    [InlineData("""{"schema":"chatopsbot.timeline","schemaVersion":2,"incident":{"number":1,"key":"INC-1","title":"t"},"events":[]}""", "version 2 is not supported")]
    public void AnotherSchemaOrANewerVersionIsRefusedRatherThanGuessed(string json, string reason)
    {
        var error = Assert.Throws<JsonException>(() => JsonTimelineExporter.Parse(json));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    /// <summary>Records compare lists by reference, so events are compared field by field through their JSON, and by type and record equality where that is exact.</summary>
    private static void AssertSameEvents(IReadOnlyList<IncidentEvent> expected, IReadOnlyList<IncidentEvent> actual, string because)
    {
        Assert.True(expected.Count == actual.Count, $"{because}: {expected.Count} events in, {actual.Count} out");
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(expected[i].GetType() == actual[i].GetType(), $"{because}: event {i} changed type");
            if (expected[i] is MembersInvited m)
            {
                Assert.Equal(m.UserIds, ((MembersInvited)actual[i]).UserIds);
                Assert.Equal(m with { UserIds = NoUsers }, ((MembersInvited)actual[i]) with { UserIds = NoUsers });
                continue;
            }

            Assert.True(expected[i].Equals(actual[i]), $"{because}: event {i} differs:\n{IncidentEventJson.Serialize(expected[i])}\n{IncidentEventJson.Serialize(actual[i])}");
            Assert.Equal(expected[i].OccurredAt.Offset, actual[i].OccurredAt.Offset);
        }
    }
}
