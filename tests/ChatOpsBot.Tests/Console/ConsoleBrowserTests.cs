using ChatOpsBot.Tests.Support;
using Microsoft.Playwright;

namespace ChatOpsBot.Tests.Console;

/// <summary>
/// A person in headless Chromium against the real host on a loopback socket: pick a name, declare an incident,
/// watch its channel appear. Uses the system Chromium; never downloads a browser.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleBrowserTests
{
    [Fact]
    public async Task DeclaringAnIncidentInGeneralOpensItsChannelWithTheKickoffMessage()
    {
        await using var app = new BotFactory(new Dictionary<string, string?> { ["Reconciler:SweepInterval"] = "00:00:01" }, kestrel: true);
        app.StartServer();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions
        {
            BaseURL = app.ServerAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync("/");

        // First visit: the console asks for a name.
        await page.FillAsync("#name-input", "alice");
        await page.ClickAsync("#name-submit");
        await Assertions.Expect(page.Locator("#me-name")).ToHaveTextAsync("alice");
        await Assertions.Expect(page.Locator("#channel-title")).ToContainTextAsync("general");

        await page.FillAsync("#composer-input", "/incident declare sev2 Checkout failing");
        await page.PressAsync("#composer-input", "Enter");

        // The private reply, inline and only for alice.
        var reply = page.Locator(".msg.ephemeral");
        await Assertions.Expect(reply).ToContainTextAsync("Only visible to you");
        await Assertions.Expect(reply).ToContainTextAsync("INC-1");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "console-general.png") });

        // The reconciler opens the channel; polling brings it to the sidebar.
        var channel = page.Locator("#incident-list a[data-channel='inc-1-checkout-failing']");
        await Assertions.Expect(channel).ToBeVisibleAsync();
        await channel.ClickAsync();

        await Assertions.Expect(page.Locator("#channel-title")).ToContainTextAsync("inc-1-checkout-failing");
        var kickoff = page.Locator(".msg.bot .card-title", new PageLocatorOptions { HasTextString = "INC-1 · SEV2 · Checkout failing" });
        await Assertions.Expect(kickoff).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".msg.bot button[data-action='take-scribe']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#channel-topic")).ToContainTextAsync("IC: @alice");

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath() });

        // A button whose command is complete runs at once, for whoever clicks it.
        await page.ClickAsync(".msg.bot button[data-action='take-scribe']");
        await Assertions.Expect(page.Locator(".msg.ephemeral").Last).ToContainTextAsync("@alice is now scribe of INC-1");

        // One that needs the rest (the update text) prefills the composer instead.
        await page.ClickAsync(".msg.bot button[data-action='post-update']");
        await Assertions.Expect(page.Locator("#composer-input")).ToHaveValueAsync("/incident INC-1 update ");

        // People's text is shown, never interpreted as HTML.
        await page.FillAsync("#composer-input", "<b>not bold</b> but *this* is, and `code` too");
        await page.PressAsync("#composer-input", "Enter");
        var mine = page.Locator(".msg:not(.bot):not(.ephemeral) .msg-text").Last;
        await Assertions.Expect(mine).ToContainTextAsync("<b>not bold</b>");
        await Assertions.Expect(mine.Locator("strong")).ToHaveTextAsync("this");
        await Assertions.Expect(mine.Locator("code")).ToHaveTextAsync("code");
    }

    [Fact]
    public async Task WithAnAccessTokenAnUnsignedVisitorIsSentToTheLoginPage()
    {
        await using var app = new BotFactory(new Dictionary<string, string?> { ["Api:AccessToken"] = "browser-test-token-0123456789" }, kestrel: true);
        app.StartServer();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = app.ServerAddress.ToString() });
        page.SetDefaultTimeout(30_000);

        using (var http = new HttpClient { BaseAddress = app.ServerAddress })
        {
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await http.GetAsync("/api/console/channels?user=alice")).StatusCode);
        }

        await page.GotoAsync("/");
        await page.FillAsync("#name-input", "alice");
        await page.ClickAsync("#name-submit");

        try
        {
            // An assertion that retries, not a navigation wait: the redirect may have finished before any wait starts,
            // and Playwright's WaitForURL with Commit then waited for a commit that had already happened.
            await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login$"), new PageAssertionsToHaveURLOptions { Timeout = 30_000 });
        }
        catch (PlaywrightException)
        {
            throw new Xunit.Sdk.XunitException($"Not sent to /login; the page is {page.Url}:\n{await page.ContentAsync()}");
        }

        await page.FillAsync("#token", "browser-test-token-0123456789");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("#channel-title")).ToContainTextAsync("general");
        await Assertions.Expect(page.Locator("#channel-list a[data-channel='incidents']")).ToBeVisibleAsync();
    }

    /// <summary>
    /// Beside the test assembly on every run (a CI artifact); into docs/console.png, which the README shows, only with
    /// CHATOPSBOT_UPDATE_SCREENSHOT=1, so that running the tests does not leave a changed binary in the work tree.
    /// </summary>
    private static string ScreenshotPath()
    {
        if (Environment.GetEnvironmentVariable("CHATOPSBOT_UPDATE_SCREENSHOT") != "1")
        {
            return Path.Combine(AppContext.BaseDirectory, "console.png");
        }

        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ChatOpsBot.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, "docs", "console.png");
    }
}
