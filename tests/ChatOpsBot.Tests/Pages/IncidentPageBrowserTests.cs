using System.Net.Http.Json;
using ChatOpsBot.Tests.Support;
using Microsoft.Playwright;

namespace ChatOpsBot.Tests.Pages;

/// <summary>
/// A stakeholder in headless Chromium reads a closed incident with a long timeline: its page (state, action items,
/// the timeline and its filter) and its postmortem draft rendered as HTML. System Chromium; never a download.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class IncidentPageBrowserTests
{
    private const int Notes = 195;

    [Fact]
    public async Task AClosedIncidentWith200TimelineEntriesReadsAsAPageAndItsPostmortemAsRenderedTables()
    {
        await using var app = new BotFactory(new Dictionary<string, string?> { ["Timeline:TimeZone"] = "Europe/Helsinki" }, kestrel: true);
        app.StartServer();
        using (var http = new HttpClient { BaseAddress = app.ServerAddress })
        {
            await ClosedIncidentAsync(new ConsoleApiClient(http));
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions
        {
            BaseURL = app.ServerAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        page.SetDefaultTimeout(30_000);

        await page.GotoAsync("/incidents/1");
        await Assertions.Expect(page.Locator("h1#title")).ToHaveTextAsync("INC-1 · Checkout returns 502 for card payments");
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("closed");
        await Assertions.Expect(page.Locator("#action-items tbody tr")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("#action-items tr[data-item='1'] td").Nth(4)).ToHaveTextAsync("done");
        Assert.True(await page.Locator("#timeline tbody tr").CountAsync() >= 200);
        await Assertions.Expect(page.Locator("#timeline")).ToContainTextAsync("Note: Checked the payments-gateway pods, round 195");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("incident-page.png") });

        // The filter narrows the timeline to one kind of entry.
        await page.SelectOptionAsync("#timeline-filters select[name='type']", "NoteAdded");
        await page.ClickAsync("#timeline-filters button[type='submit']");
        await Assertions.Expect(page.Locator("#timeline tbody tr")).ToHaveCountAsync(Notes);
        await Assertions.Expect(page.Locator("#timeline-count")).ToContainTextAsync($"{Notes} of ");

        await page.ClickAsync("#links a[href='/incidents/1/postmortem']");
        await page.WaitForURLAsync("**/incidents/1/postmortem");
        await Assertions.Expect(page.Locator("article.postmortem h1")).ToContainTextAsync("Postmortem draft: INC-1");
        // The action items table is the one with a State column: rendered from Markdown, with the due date and state.
        var actionTable = page.Locator("article.postmortem table:has(th:text-is('State'))");
        await Assertions.Expect(actionTable.Locator("th").Nth(3)).ToHaveTextAsync("Due");
        await Assertions.Expect(actionTable.Locator("tbody tr")).ToHaveCountAsync(3);
        await Assertions.Expect(actionTable.Locator("tbody tr").First).ToContainTextAsync("done");
        await Assertions.Expect(actionTable.Locator("tbody tr").Nth(2)).ToContainTextAsync("Document the rollback | with a table? <b>no</b>");
        Assert.True(await page.Locator("article.postmortem table").CountAsync() >= 4); // header, key times, timeline, action items
        await Assertions.Expect(page.Locator("section.review")).ToContainTextAsync("Review before sharing");
        await Assertions.Expect(page.Locator("#download")).ToHaveAttributeAsync("href", "/api/incidents/1/postmortem");
        await Assertions.Expect(page.Locator("#copy")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("postmortem-page.png") });
    }

    /// <summary>Declared, worked (195 notes, three action items, one done), resolved and closed: over 200 entries.</summary>
    private static async Task ClosedIncidentAsync(ConsoleApiClient console)
    {
        await console.SayExpectingOneReplyAsync("alice", "general", "/incident declare sev2 Checkout returns 502 for card payments");
        await console.SayExpectingOneReplyAsync("alice", "general", "/incident INC-1 scribe @bob");
        for (var i = 1; i <= Notes; i++)
        {
            using var response = await console.Http.PostAsJsonAsync("/api/console/messages",
                new { user = i % 2 == 0 ? "bob" : "alice", channel = "general", text = $"/incident INC-1 note Checked the payments-gateway pods, round {i}" });
            response.EnsureSuccessStatusCode();
        }

        await console.SayExpectingOneReplyAsync("alice", "general", "/incident INC-1 action Add a canary stage for payments-gateway @carol due friday");
        await console.SayExpectingOneReplyAsync("alice", "general", "/incident INC-1 action Alert on connection-pool saturation @dave due 2d");
        await console.SayExpectingOneReplyAsync("alice", "general", "/incident INC-1 action Document the rollback | with a table? <b>no</b>");
        await console.SayExpectingOneReplyAsync("carol", "general", "/incident INC-1 action done 1");
        await console.SayExpectingOneReplyAsync("alice", "general", "/incident INC-1 resolve Rolled back payments-gateway 4.2.0; it was human error");
        await console.SayExpectingOneReplyAsync("alice", "general", "/incident INC-1 close");
    }

    /// <summary>Beside the test assembly on every run; into docs/, which the README shows, only with CHATOPSBOT_UPDATE_SCREENSHOT=1.</summary>
    private static string ScreenshotPath(string name) =>
        Environment.GetEnvironmentVariable("CHATOPSBOT_UPDATE_SCREENSHOT") == "1" ? Repo.PathOf("docs", name) : Path.Combine(AppContext.BaseDirectory, name);
}
