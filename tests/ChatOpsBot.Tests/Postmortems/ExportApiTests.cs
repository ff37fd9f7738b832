using System.Net;
using ChatOpsBot.Core.Timeline;
using ChatOpsBot.Tests.Support;

namespace ChatOpsBot.Tests.Postmortems;

/// <summary>The export endpoints and "/incident export" on the real host.</summary>
public sealed class ExportApiTests : IDisposable
{
    private readonly BotFactory _bot;
    private readonly ConsoleApiClient _console;

    public ExportApiTests()
    {
        _bot = new BotFactory();
        _console = new ConsoleApiClient(_bot.CreateClient());
    }

    [Theory]
    [InlineData("md", "text/markdown", "| T+ | Time (UTC) |")]
    [InlineData("csv", "text/csv", "time_utc,t_plus,type,actor,source,text\r\n")]
    [InlineData("json", "application/json", "\"schema\": \"chatopsbot.timeline\"")]
    public async Task TheTimelineComesInEachFormatWithItsContentType(string format, string mediaType, string expected)
    {
        await _console.SayExpectingOneReplyAsync("alice", "general", "/incident declare sev2 Checkout failing");
        await _console.SayExpectingOneReplyAsync("alice", "general", "/incident INC-1 note =cmd|' /C calc'!A0");

        using var response = await _console.Http.GetAsync($"/api/incidents/INC-1/timeline?format={format}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        Assert.Contains($"INC-1-timeline.{format}", response.Content.Headers.ContentDisposition!.ToString(), StringComparison.Ordinal);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheJsonExportParsesBackToTheStoredEvents()
    {
        await _console.SayExpectingOneReplyAsync("alice", "general", "/incident declare sev2 Checkout failing");
        await _console.SayExpectingOneReplyAsync("alice", "general", "/incident INC-1 note \"quoted\", | piped\nand multi-line 🔥");

        var json = await _console.Http.GetStringAsync("/api/incidents/1/timeline?format=json");
        var stored = await _console.EventsAsync(1);

        var parsed = JsonTimelineExporter.Parse(json);
        Assert.True(parsed.Count >= 3);
        Assert.Equal(stored.Take(parsed.Count).Select(e => e.GetProperty("version").GetInt64()), parsed.Select(e => e.Version));
        Assert.Contains(parsed, e => e is Core.Incidents.NoteAdded { Text: "\"quoted\", | piped\nand multi-line 🔥" });
    }

    [Theory]
    [InlineData("/api/incidents/99/timeline?format=csv", HttpStatusCode.NotFound)]
    [InlineData("/api/incidents/99/postmortem", HttpStatusCode.NotFound)]
    [InlineData("/api/incidents/abc/postmortem", HttpStatusCode.NotFound)]
    [InlineData("/api/incidents/1/timeline?format=xlsx", HttpStatusCode.BadRequest)]
    [InlineData("/api/incidents/99/timeline?format=xlsx", HttpStatusCode.BadRequest)]
    public async Task AnUnknownIncidentIs404AndAnUnknownFormat400WithAReason(string url, HttpStatusCode status)
    {
        await _console.SayExpectingOneReplyAsync("alice", "general", "/incident declare sev2 Checkout failing");

        using var response = await _console.Http.GetAsync(url);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var detail = await response.Content.ReadAsStringAsync();
        Assert.Contains(status == HttpStatusCode.BadRequest ? "md, csv or json" : "There is no incident", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheExportCommandRepliesWithTheExportAndItsLinkAndExplainsABadFormat()
    {
        await _console.SayExpectingOneReplyAsync("alice", "general", "/incident declare sev2 Checkout failing");

        var csv = await _console.SayExpectingOneReplyAsync("alice", "general", "/incident INC-1 export csv");
        Assert.Contains("time_utc,t_plus,type,actor,source,text", csv, StringComparison.Ordinal);
        Assert.Contains("/api/incidents/1/timeline?format=csv", csv, StringComparison.Ordinal);

        var bad = await _console.SayExpectingOneReplyAsync("alice", "general", "/incident INC-1 export pdf");
        Assert.Contains("\"pdf\" is not an export format; use md, csv or json.", bad, StringComparison.Ordinal);

        var unknown = await _console.SayExpectingOneReplyAsync("alice", "general", "/incident INC-9 export md");
        Assert.Contains("There is no INC-9", unknown, StringComparison.Ordinal);

        var draft = await _console.SayExpectingOneReplyAsync("alice", "general", "/incident INC-1 postmortem");
        Assert.Contains("# Postmortem draft: INC-1", draft, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheConfiguredTimeZoneAndPhrasesShapeTheDraft()
    {
        using var bot = new BotFactory(new Dictionary<string, string?>
        {
            ["Timeline:TimeZone"] = "Europe/Helsinki",
            ["Timeline:BlamelessPhrases:0:Phrase"] = "yolo",
            ["Timeline:BlamelessPhrases:0:Hint"] = "Describe the conditions.",
        });
        var console = new ConsoleApiClient(bot.CreateClient());
        await console.SayExpectingOneReplyAsync("alice", "general", "/incident declare sev2 Checkout failing");
        await console.SayExpectingOneReplyAsync("alice", "general", "/incident INC-1 note A yolo deploy went out. Human error in the config.");

        var markdown = await console.Http.GetStringAsync("/api/incidents/1/postmortem");

        Assert.Contains("| T+ | Time (UTC) | Time (Europe/Helsinki) |", markdown, StringComparison.Ordinal);
        // Configured phrases add to the built-in review; they do not replace it.
        Assert.Contains("| A yolo deploy went out. | configured phrase |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Describe the conditions. |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Human error in the config. | human error as a cause |", markdown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons", "Timeline:TimeZone \"Mars/Olympus_Mons\" is not a known time zone")]
    [InlineData("", "Timeline:TimeZone \"\" is not a known time zone")]
    public void AnUnknownTimeZoneIsRefusedWithAMessageNamingTheKey(string zone, string message)
    {
        // Checked through the validator: a host that fails to start cannot be disposed cleanly by WebApplicationFactory.
        var result = new Web.TimelineOptionsValidator().Validate(null, new Web.TimelineOptions { TimeZone = zone });

        Assert.True(result.Failed);
        Assert.Contains(message, result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("UTC")]
    [InlineData("Europe/Helsinki")]
    [InlineData("America/Los_Angeles")]
    public void IanaTimeZoneNamesAreAccepted(string zone)
    {
        Assert.True(new Web.TimelineOptionsValidator().Validate(null, new Web.TimelineOptions { TimeZone = zone }).Succeeded);
    }

    public void Dispose() => _bot.Dispose();
}
