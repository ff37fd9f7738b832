using ChatOpsBot.Tests.Support;
using Microsoft.Playwright;

namespace ChatOpsBot.Tests.Postmortems;

/// <summary>A stakeholder opens /status in headless Chromium (the system one; never downloaded) against the real host on loopback.</summary>
[Collection(BrowserCollection.Name)]
public sealed class StatusPageBrowserTests
{
    [Fact]
    public async Task TheStatusPageShowsTheOpenIncidentAndItsLastUpdateAndNeverAPrivateOne()
    {
        await using var app = new BotFactory(new Dictionary<string, string?> { ["Reconciler:SweepInterval"] = "00:00:01" }, kestrel: true);
        app.StartServer();
        using var http = new HttpClient { BaseAddress = app.ServerAddress };
        var console = new ConsoleApiClient(http);
        await console.SayExpectingOneReplyAsync("alice", "general", "/incident declare sev1 Checkout <img src=x onerror=alert(1)> failing");
        await console.SayExpectingOneReplyAsync("alice", "general", "/incident INC-1 update Rolled back the 14:02 deploy & watching");
        await console.SayExpectingOneReplyAsync("alice", "general", "/incident declare sev1 private Payroll export leaking");
        await console.SayExpectingOneReplyAsync("alice", "general", "/incident INC-2 update Secret payroll update");
        await console.SayExpectingOneReplyAsync("bob", "general", "/incident declare sev3 Slow search");
        await console.SayExpectingOneReplyAsync("bob", "general", "/incident INC-3 resolve Reindexed the catalogue");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = app.ServerAddress.ToString() });
        page.SetDefaultTimeout(30_000);
        var dialogs = 0;
        page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };

        var response = await page.GotoAsync("/status");

        Assert.Equal(200, response!.Status);
        var open = page.Locator("#open tr[data-incident='1']");
        await Assertions.Expect(open).ToContainTextAsync("INC-1");
        await Assertions.Expect(open).ToContainTextAsync("Checkout <img src=x onerror=alert(1)> failing");
        await Assertions.Expect(open).ToContainTextAsync("SEV1");
        await Assertions.Expect(open).ToContainTextAsync("investigating");
        await Assertions.Expect(open).ToContainTextAsync("@alice");
        await Assertions.Expect(open).ToContainTextAsync("Rolled back the 14:02 deploy & watching");
        await Assertions.Expect(page.Locator("#resolved tr[data-incident='3']")).ToContainTextAsync("Reindexed the catalogue");
        await Assertions.Expect(page.Locator("img")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("meta[http-equiv='refresh']")).ToHaveAttributeAsync("content", "30");

        var text = await page.Locator("body").InnerTextAsync();
        Assert.DoesNotContain("Payroll", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Secret payroll update", text, StringComparison.Ordinal);
        Assert.DoesNotContain("INC-2", text, StringComparison.Ordinal);
        Assert.Equal(0, dialogs);
    }
}
