using Microsoft.Playwright;

namespace ChatOpsBot.Tests.Support;

/// <summary>
/// Debian's Chromium, driven by Playwright. Never a downloaded browser: `playwright install` cannot work here, and
/// the background-networking flags keep Chromium from reaching for hosts this machine cannot resolve.
/// </summary>
public static class Chromium
{
    private static readonly string[] Args =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = Args });
}
