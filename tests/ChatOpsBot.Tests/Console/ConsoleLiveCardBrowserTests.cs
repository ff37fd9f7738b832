using ChatOpsBot.Tests.Support;
using Microsoft.Playwright;

namespace ChatOpsBot.Tests.Console;

/// <summary>
/// The live incident card in the console, in headless Chromium: the kick-off message changes in place as the
/// incident does (severity, scribe, resolve, close), its buttons follow, and user text in it stays text.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleLiveCardBrowserTests
{
    private const string Room = "inc-1-checkout-b-failing-b";

    [Fact]
    public async Task TheKickoffCardUpdatesInPlaceAsSeverityScribeResolveAndCloseChangeIt()
    {
        await using var app = new BotFactory(new Dictionary<string, string?>
        {
            ["Reconciler:SweepInterval"] = "00:00:01",
            ["Web:PublicUrl"] = "https://chatopsbot.example.com",
        }, kestrel: true);
        app.StartServer();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = app.ServerAddress.ToString(), ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync("/");
        await page.FillAsync("#name-input", "alice");
        await page.ClickAsync("#name-submit");

        await SayAsync(page, "/incident declare sev2 Checkout <b>failing</b>");
        var channel = page.Locator($"#incident-list a[data-channel='{Room}']");
        await channel.ClickAsync();

        var card = page.Locator(".msg.bot").Filter(new LocatorFilterOptions { Has = page.Locator(".card-title", new PageLocatorOptions { HasTextString = "🚨 INC-1 ·" }) });
        await Assertions.Expect(card).ToHaveCountAsync(1);
        var ts = await card.GetAttributeAsync("data-ts");
        await Assertions.Expect(card.Locator(".card-title")).ToContainTextAsync("Checkout <b>failing</b>"); // text, not markup
        await Assertions.Expect(card.Locator(".card-title b")).ToHaveCountAsync(0);
        await Assertions.Expect(card.Locator("button[data-action='resolve']")).ToBeVisibleAsync();

        await SayAsync(page, "/incident severity sev1");
        await Assertions.Expect(card.Locator(".field", new LocatorLocatorOptions { HasTextString = "Severity" })).ToContainTextAsync("SEV1");

        await SayAsync(page, "/incident scribe @bob");
        await Assertions.Expect(card.Locator(".field", new LocatorLocatorOptions { HasTextString = "Scribe" }).Locator(".mention")).ToHaveTextAsync("@bob");

        await SayAsync(page, "/incident resolve Rolled back");
        await Assertions.Expect(card.Locator(".field", new LocatorLocatorOptions { HasTextString = "Status" })).ToContainTextAsync("Resolved");
        await Assertions.Expect(card.Locator("button[data-action='reopen']")).ToBeVisibleAsync();
        await Assertions.Expect(card.Locator("button[data-action='resolve']")).ToHaveCountAsync(0);

        await SayAsync(page, "/incident close");
        await Assertions.Expect(card.Locator(".field", new LocatorLocatorOptions { HasTextString = "Status" })).ToContainTextAsync("Closed");
        await Assertions.Expect(card.Locator("button")).ToHaveCountAsync(0);

        // Still the one card, where it was: edited, not reposted.
        await Assertions.Expect(card).ToHaveCountAsync(1);
        Assert.Equal(ts, await card.GetAttributeAsync("data-ts"));

        // The postmortem notice links to the draft at Web:PublicUrl, clickable.
        var draftLink = page.Locator(".msg.bot a[href='https://chatopsbot.example.com/api/incidents/1/postmortem']").First;
        await Assertions.Expect(draftLink).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "console-live-card.png"), FullPage = true });
    }

    private static async Task SayAsync(IPage page, string text)
    {
        var replies = await page.Locator(".msg.ephemeral").CountAsync();
        await page.FillAsync("#composer-input", text);
        await page.PressAsync("#composer-input", "Enter");
        await Assertions.Expect(page.Locator(".msg.ephemeral")).ToHaveCountAsync(replies + 1);
    }
}
