using System.Globalization;
using System.Text.Json;
using ChatOpsBot.Tests.Support;

namespace ChatOpsBot.Tests.Console;

/// <summary>
/// Responders managing themselves, as the console's incident channel shows it: a commander who leaves a
/// person-declared incident is announced and, the role staying empty, the missing-commander reminder follows;
/// action item changes are posted; the card links to the incident page, which the console can open as a path.
/// </summary>
public sealed class ResponderChannelTests
{
    private const string Room = "inc-1-checkout-failing";

    [Fact]
    public async Task ACommanderWhoLeavesAPersonDeclaredIncidentIsAnnouncedAndTheMissingCommanderReminderFollows()
    {
        using var bot = new BotFactory(new Dictionary<string, string?>
        {
            ["Reminders:MissingCommanderAfter"] = "00:00:01",
            ["Reminders:StatusUpdate:Sev4"] = "",
        });
        var console = new ConsoleApiClient(bot.CreateClient());
        await console.SayExpectingOneReplyAsync("alice", "general", "/incident declare sev4 Checkout failing");
        await Eventually.Get(() => console.EventsAsync(1), e => e.Any(x => Type(x) == "KickoffPosted"), "the channel");

        Assert.StartsWith("@alice is no longer commander of INC-1", await console.SayExpectingOneReplyAsync("alice", Room, "/incident commander none"), StringComparison.Ordinal);

        var texts = await Eventually.Get(() => TextsAsync(console), t => t.Any(x => x.StartsWith("🧭", StringComparison.Ordinal)), "the missing-commander reminder");
        Assert.Contains("👤 @alice left the commander role; nobody leads INC-1 now. Take it with `/incident commander @you`.", texts);
        Assert.Single(texts, t => t.StartsWith("🧭 INC-1 has had no incident commander for", StringComparison.Ordinal));
        // The sender posts, then records the reminder: the event may follow the message by a moment.
        var reminded = await Eventually.Get(() => console.EventsAsync(1), e => e.Any(x => Type(x) == "ReminderSent"), "the reminder recorded");
        Assert.Contains(reminded, e => Type(e) == "ReminderSent" && e.GetProperty("kind").GetString() == "missingCommander");
    }

    [Fact]
    public async Task ActionItemChangesArePostedInTheChannelAndTheCardLinksToTheIncidentPage()
    {
        using var bot = new BotFactory(new Dictionary<string, string?> { ["Timeline:TimeZone"] = "Europe/Helsinki" });
        var console = new ConsoleApiClient(bot.CreateClient());
        await console.SayExpectingOneReplyAsync("alice", "general", "/incident declare sev4 Checkout failing");
        await Eventually.Get(() => console.EventsAsync(1), e => e.Any(x => Type(x) == "KickoffPosted"), "the channel");

        await console.SayExpectingOneReplyAsync("alice", Room, "/incident action Add a canary @bob");
        await console.SayExpectingOneReplyAsync("bob", Room, "/incident action done 1");
        await console.SayExpectingOneReplyAsync("alice", Room, "/incident action reopen 1");
        await console.SayExpectingOneReplyAsync("alice", Room, "/incident action owner 1 @carol");
        var day = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).AddDays(30);
        await console.SayExpectingOneReplyAsync("alice", Room, string.Create(CultureInfo.InvariantCulture, $"/incident action due 1 {day:yyyy-MM-dd}"));

        var texts = await Eventually.Get(() => TextsAsync(console), t => t.Any(x => x.StartsWith("📅", StringComparison.Ordinal)), "the due-date change");
        Assert.Contains("✅ Action item #1 done (@bob): Add a canary", texts);
        Assert.Contains("♻️ Action item #1 reopened (@alice): Add a canary", texts);
        Assert.Contains("👤 @carol now owns action item #1, was @bob (@alice): Add a canary", texts);
        // Spelled out in the team's zone, then UTC.
        var moved = Assert.Single(texts, t => t.StartsWith("📅", StringComparison.Ordinal));
        Assert.StartsWith($"📅 Action item #1 is now due {day.ToString("ddd yyyy-MM-dd", CultureInfo.InvariantCulture)} 23:59 Europe/Helsinki (", moved, StringComparison.Ordinal);
        Assert.EndsWith(" UTC) (@alice): Add a canary", moved, StringComparison.Ordinal);

        var kickoff = (await console.MessagesAsync(Room, "alice")).First(m => m.Rich?.Title?.StartsWith("🚨 INC-1", StringComparison.Ordinal) == true);
        Assert.Contains(kickoff.Rich!.Links, l => l.Label == "Incident page" && l.Url == "/incidents/1");
        using var page = await console.Http.GetAsync("/incidents/1");
        Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
    }

    private static async Task<List<string>> TextsAsync(ConsoleApiClient console) =>
        [.. (await console.MessagesAsync(Room, "alice")).Select(m => m.Text)];

    private static string Type(JsonElement e) => e.GetProperty("type").GetString()!;
}
