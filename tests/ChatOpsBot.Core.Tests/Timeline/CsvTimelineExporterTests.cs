using System.Globalization;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Tests.Golden;
using ChatOpsBot.Core.Timeline;
using CsvHelper;
using CsvHelper.Configuration;

namespace ChatOpsBot.Core.Tests.Timeline;

public class CsvTimelineExporterTests
{
    [Fact]
    public void TheExportParsesBackWithAStandardCsvReaderToTheSameCells()
    {
        var events = Sev1Fixture.Events();

        var parsed = ReadWithCsvHelper(CsvTimelineExporter.Export(events));

        var expected = TimelineRow.From(events)
            .Select(r => new[] { TimeText.Iso(r.OccurredAt), TimeText.Offset(r.SinceDeclared), r.Type, r.Actor, r.Source, r.Text }.Select(CsvTimelineExporter.SafeCell).ToArray())
            .Prepend([.. CsvTimelineExporter.Header])
            .ToList();
        Assert.Equal(expected, parsed);
        Assert.Equal(33, parsed.Count - 1); // one record per event a person would care about
        Assert.Contains(parsed, r => r[5] == "Note: Pool sizes per pod:\nold 50, new 20 — **too low**, see <b>html</b> | col\n# not a heading 🔥");
        Assert.Contains(parsed, r => r[5] == "Note: =SUM(A1:A9) error budget burned, 40% \"so far\"");
    }

    [Theory]
    [InlineData("=cmd|' /C calc'!A0")]
    [InlineData("+1 from me")]
    [InlineData("-2+3")]
    [InlineData("@SUM(1,2)")]
    [InlineData("\t=1+1")]
    [InlineData("\r=1+1")]
    public void ACellThatASpreadsheetWouldRunAsAFormulaStaysText(string name)
    {
        var events = new IncidentEvent[]
        {
            new Declared("Title", Severity.Sev2, false, null) { Actor = new Actor("U1", name), Version = 1 },
        };

        var cells = ReadWithCsvHelper(CsvTimelineExporter.Export(events))[1];

        Assert.Equal("'" + name, cells[3]);
    }

    [Fact]
    public void RecordsEndWithCrLfAndOnlyCellsThatNeedItAreQuoted()
    {
        var events = new IncidentEvent[]
        {
            new Declared("Plain", Severity.Sev2, false, null) { Actor = new Actor("U1", "alice"), Version = 1 },
            new NoteAdded("a, \"quoted\" note") { Actor = new Actor("U1", "alice"), Version = 2 },
        };

        var csv = CsvTimelineExporter.Export(events);

        Assert.Equal(
            "time_utc,t_plus,type,actor,source,text\r\n"
            + "0001-01-01T00:00:00Z,T+00:00:00,Declared,alice,bot,'@alice declared INC-0 (SEV2): Plain\r\n"
            + "0001-01-01T00:00:00Z,T+00:00:00,NoteAdded,alice,bot,\"Note: a, \"\"quoted\"\" note\"\r\n",
            csv);
    }

    private static List<string[]> ReadWithCsvHelper(string csv)
    {
        using var reader = new StringReader(csv);
        using var parser = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = context => throw new InvalidDataException(context.RawRecord) });
        var rows = new List<string[]>();
        while (parser.Read())
        {
            rows.Add(parser.Record!);
        }

        return rows;
    }
}
