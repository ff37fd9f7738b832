using System.Net;
using System.Net.Http.Headers;
using ChatOpsBot.Tests.Support;

namespace ChatOpsBot.Tests.Pages;

/// <summary>The incident pages over real HTTP: what they show, that people's text stays text, and who may see them.</summary>
public sealed class IncidentPagesTests : IDisposable
{
    private const string Room = "inc-1-script-alert-1-script";
    private readonly BotFactory _bot = new(new Dictionary<string, string?> { ["Timeline:TimeZone"] = "Europe/Helsinki" });
    private readonly ConsoleApiClient _console;

    public IncidentPagesTests() => _console = new ConsoleApiClient(_bot.CreateClient());

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task TheIncidentPageShowsStateRolesActionItemsAndTimelineWithHostileTextEscaped()
    {
        await _console.SayExpectingOneReplyAsync("alice", "general", "/incident declare sev2 <script>alert(1)</script>");
        await _console.SayExpectingOneReplyAsync("alice", "general", "/incident INC-1 scribe @bob");
        await _console.SayExpectingOneReplyAsync("alice", "general", "/incident INC-1 note <img src=x onerror=alert(2)> pool exhausted");
        await _console.SayExpectingOneReplyAsync("alice", "general", "/incident INC-1 action Add a <b>canary</b> @carol due 2d");

        using var response = await _console.Http.GetAsync("/incidents/1");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("script-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>canary", html, StringComparison.Ordinal);
        Assert.Contains("INC-1 · &lt;script&gt;alert(1)&lt;/script&gt;</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Scribe</dt><dd data-role=\"scribe\">@bob</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Commander</dt><dd data-role=\"commander\">@alice</dd>", html, StringComparison.Ordinal);
        Assert.Contains("Note: &lt;img src=x onerror=alert(2)&gt; pool exhausted", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"text\">Add a &lt;b&gt;canary&lt;/b&gt;</td><td>@carol</td>", html, StringComparison.Ordinal);
        Assert.Contains("<th>Time (Europe/Helsinki)</th>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/incidents/1/timeline?format=csv\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/incidents/1/postmortem\"", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Next update due</dt>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheTimelineFiltersByTypeAndByPerson()
    {
        await _console.SayExpectingOneReplyAsync("alice", "general", "/incident declare sev2 Checkout failing");
        await _console.SayExpectingOneReplyAsync("alice", "general", "/incident INC-1 note from alice");
        await _console.SayExpectingOneReplyAsync("bob", "general", "/incident INC-1 note from bob");

        var notes = await _console.Http.GetStringAsync("/incidents/1?type=NoteAdded");
        var bobs = await _console.Http.GetStringAsync("/incidents/1?person=bob");

        Assert.Contains("2 of ", notes, StringComparison.Ordinal);
        Assert.Contains("Note: from alice", notes, StringComparison.Ordinal);
        Assert.DoesNotContain("declared INC-1", notes, StringComparison.Ordinal);
        Assert.Contains("Note: from bob", bobs, StringComparison.Ordinal);
        Assert.DoesNotContain("Note: from alice", bobs, StringComparison.Ordinal);
        Assert.Contains("<option value=\"NoteAdded\" selected>", notes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePostmortemPageRendersTheDraftWithItsTablesAndTheReviewSectionHighlighted()
    {
        await _console.SayExpectingOneReplyAsync("alice", "general", "/incident declare sev2 Checkout failing");
        await _console.SayExpectingOneReplyAsync("alice", "general", "/incident INC-1 note It was human error | <script>x</script>");
        await _console.SayExpectingOneReplyAsync("alice", "general", "/incident INC-1 action Add a canary due friday");

        using var response = await _console.Http.GetAsync("/incidents/1/postmortem");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h1", html, StringComparison.Ordinal);
        Assert.Contains("<h2>Action items</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<table>", html, StringComparison.Ordinal);
        Assert.Contains("<th>Due</th>", html, StringComparison.Ordinal);
        Assert.Contains("<section class=\"review\" id=\"review\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>x</script>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/incidents/1/postmortem\" download=\"INC-1-postmortem.md\"", html, StringComparison.Ordinal);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        var nonce = csp.Split("'nonce-")[1].Split('\'')[0];
        Assert.Contains($"<script nonce=\"{nonce}\">", html, StringComparison.Ordinal);
        Assert.Single(html.Split("<script").Skip(1));
    }

    [Fact]
    public async Task TheListFiltersByStatusSeverityAndText()
    {
        await _console.SayExpectingOneReplyAsync("alice", "general", "/incident declare sev1 Payments down");
        await _console.SayExpectingOneReplyAsync("alice", "general", "/incident declare sev3 Search slow");
        await _console.SayExpectingOneReplyAsync("alice", "general", "/incident INC-2 resolve Reindexed");

        var open = await _console.Http.GetStringAsync("/incidents?status=open");
        var sev3 = await _console.Http.GetStringAsync("/incidents?severity=sev3");
        var text = await _console.Http.GetStringAsync("/incidents?q=payments");

        Assert.Contains("href=\"/incidents/1\"", open, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/incidents/2\"", open, StringComparison.Ordinal);
        Assert.Contains("href=\"/incidents/2\"", sev3, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/incidents/1\"", sev3, StringComparison.Ordinal);
        Assert.Contains("Payments down", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Search slow", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/incidents?status=burning", HttpStatusCode.BadRequest, "status must be open, resolved, closed or all")]
    [InlineData("/incidents?severity=sev5", HttpStatusCode.BadRequest, "severity must be sev1, sev2, sev3, sev4 or all")]
    [InlineData("/incidents/99", HttpStatusCode.NotFound, "There is no incident 99.")]
    [InlineData("/incidents/abc/postmortem", HttpStatusCode.NotFound, "There is no incident abc.")]
    public async Task BadInputGetsAClearPageNeverAServerError(string path, HttpStatusCode status, string message)
    {
        using var response = await _console.Http.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheStatusPageLinksToThePagesOfPublicIncidentsOnly()
    {
        await _console.SayExpectingOneReplyAsync("alice", "general", "/incident declare sev2 Checkout failing");
        await _console.SayExpectingOneReplyAsync("alice", "general", "/incident declare sev2 private Card data exposed");

        var status = await _console.Http.GetStringAsync("/status");

        Assert.Contains("<a href=\"/incidents/1\">INC-1</a>", status, StringComparison.Ordinal);
        Assert.DoesNotContain("/incidents/2", status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheExportSaysWhatItHoldsAndAllIncludesTheBookkeeping()
    {
        await _console.SayExpectingOneReplyAsync("alice", "general", "/incident declare sev2 Checkout failing");
        await Eventually.Get(() => _console.EventsAsync(1), e => e.Any(x => x.GetProperty("type").GetString() == "KickoffPosted"), "the channel");

        var people = await _console.Http.GetStringAsync("/api/incidents/1/timeline?format=md");
        var all = await _console.Http.GetStringAsync("/api/incidents/1/timeline?format=md&all=true");
        using var bad = await _console.Http.GetAsync("/api/incidents/1/timeline?format=md&all=maybe");

        Assert.Matches(@"_\d+ entries \(\d+ bot bookkeeping events left out; add `\?all=true` for every event\)\._", people);
        Assert.DoesNotContain("| TopicSet |", people, StringComparison.Ordinal);
        Assert.Contains("| TopicSet |", all, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task WithAnAccessTokenThePagesRequireIt()
    {
        using var bot = new BotFactory(new Dictionary<string, string?> { ["Api:AccessToken"] = "pages-test-token-0123456789" });
        var http = bot.CreateClient();

        using var without = await http.GetAsync("/incidents");
        using var incident = await http.GetAsync("/incidents/1/postmortem");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "pages-test-token-0123456789");
        using var with = await http.GetAsync("/incidents");

        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, incident.StatusCode);
        Assert.Equal(HttpStatusCode.OK, with.StatusCode);
    }
}
