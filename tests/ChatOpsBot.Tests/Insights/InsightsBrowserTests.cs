using ChatOpsBot.Core.Changes;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ChatOpsBot.Tests.Insights;

/// <summary>/insights in headless Chromium over 90 days of seeded history: the charts are there, with and without JavaScript.</summary>
[Collection(BrowserCollection.Name)]
public sealed class InsightsBrowserTests
{
    [Fact]
    public async Task TheInsightsPageDrawsTheChartsOfFiftyIncidentsAndTwoHundredDeploys()
    {
        await using var app = new BotFactory(kestrel: true);
        app.StartServer();
        await SeededHistory.SeedAsync(app.Services.GetRequiredService<IIncidentStore>(), app.Services.GetRequiredService<IChangeStore>(),
            app.Services.GetRequiredService<TimeProvider>().GetUtcNow());
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        // No JavaScript: the page must not need any.
        var page = await browser.NewPageAsync(new BrowserNewPageOptions
        {
            BaseURL = app.ServerAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1360, Height = 900 },
            JavaScriptEnabled = false,
        });
        page.SetDefaultTimeout(30_000);

        var response = await page.GotoAsync("/insights?days=90");

        Assert.Equal(200, response!.Status);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Insights · last 90 days");
        await Assertions.Expect(page.Locator("#four-keys .number").First).ToContainTextAsync("Deployment frequency");
        // 200 deploys over ~90 days is about 2.2 a day: elite.
        await Assertions.Expect(page.Locator("#four-keys .number").First).ToContainTextAsync("elite");
        Assert.True(await page.Locator("#chart-deploys svg rect.bar").CountAsync() >= 12);
        Assert.True(await page.Locator("#chart-lead-time svg circle.point").CountAsync() >= 12);
        Assert.True(await page.Locator("#chart-change-failure svg polyline.series").CountAsync() == 1);
        Assert.True(await page.Locator("#chart-mttr svg polyline.series").CountAsync() >= 4);
        Assert.True(await page.Locator("#chart-mtta svg circle.point").CountAsync() >= 12);
        Assert.True(await page.Locator("#chart-review-flags svg rect.bar").CountAsync() >= 5);
        var latency = page.Locator("#recurring tr.recurrence", new PageLocatorOptions { HasTextString = "alertname HighLatency" });
        await Assertions.Expect(latency).ToContainTextAsync("17");
        await Assertions.Expect(latency.Locator("a").First).ToHaveAttributeAsync("href", "/api/incidents/1/postmortem");
        await Assertions.Expect(page.Locator("#action-items")).ToContainTextAsync("Overdue");
        var box = await page.Locator("#chart-mttr svg").BoundingBoxAsync();
        Assert.True(box is { Width: > 300, Height: > 100 }, "the MTTR chart is drawn at a readable size");

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath(), FullPage = true });
    }

    private static string ScreenshotPath() =>
        Environment.GetEnvironmentVariable("CHATOPSBOT_UPDATE_SCREENSHOT") == "1"
            ? Repo.PathOf("docs", "insights.png")
            : Path.Combine(AppContext.BaseDirectory, "insights.png");
}
