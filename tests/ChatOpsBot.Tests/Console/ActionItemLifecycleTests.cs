using System.Text.Json;
using ChatOpsBot.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsBot.Tests.Console;

/// <summary>
/// An action item's whole life through the console API, on a host whose clock the test moves (days pass in no
/// time): added with an owner and a due date, listed, done, reassigned, rescheduled, and the due reminder going to
/// the item still open and never to the one that is done.
/// </summary>
public sealed class ActionItemLifecycleTests
{
    private const string Room = "inc-1-checkout-failing";

    [Fact]
    public async Task ADoneItemGetsNoDueReminderWhileTheOpenOneDoes()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        using var bot = new BotFactory(new Dictionary<string, string?> { ["Timeline:TimeZone"] = "Europe/Helsinki" }, clock: clock);
        var console = new ConsoleApiClient(bot.CreateClient());
        await console.SayExpectingOneReplyAsync("alice", "general", "/incident declare sev4 Checkout failing");
        await Eventually.Get(() => console.EventsAsync(1), e => e.Any(x => Type(x) == "KickoffPosted"), "the channel");

        Assert.StartsWith("Action item #1 added to INC-1, owned by @carol. Due in 2 d:",
            await console.SayExpectingOneReplyAsync("alice", Room, "/incident action Add a canary @carol due 2d"), StringComparison.Ordinal);
        Assert.StartsWith("Action item #2 added to INC-1, owned by @dave. Due in 2 d:",
            await console.SayExpectingOneReplyAsync("alice", Room, "/incident action Alert on pool saturation @dave due 2d"), StringComparison.Ordinal);
        var refused = await console.SayExpectingOneReplyAsync("alice", Room, "/incident action Write the runbook due tmorrow");
        Assert.StartsWith("⚠️ \"tmorrow\" is not a due date", refused, StringComparison.Ordinal);

        Assert.Equal("✅ Action item #1 of INC-1 is done: Add a canary", await console.SayExpectingOneReplyAsync("carol", Room, "/incident action done 1"));
        Assert.Equal("@erin now owns action item #2 of INC-1.", await console.SayExpectingOneReplyAsync("alice", Room, "/incident action owner 2 @erin"));
        var list = await console.SayExpectingOneReplyAsync("alice", Room, "/incident actions");
        Assert.StartsWith("Action items of INC-1: 1 open, 1 done", list, StringComparison.Ordinal);

        var items = (await console.IncidentAsync(1)).GetProperty("actionItems").EnumerateArray().ToList();
        Assert.Equal([1, 2], items.Select(i => i.GetProperty("number").GetInt32()));
        Assert.Equal(["done", "open"], items.Select(i => i.GetProperty("state").GetString()));
        Assert.Equal("erin", items[1].GetProperty("owner").GetProperty("id").GetString());
        var due = items[1].GetProperty("due").GetDateTimeOffset();
        Assert.Equal(clock.GetUtcNow().AddDays(2), due, TimeSpan.FromSeconds(5));

        clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1));

        // Both items fall due at the same moment, so one pass of the reminder job answers both: the reminder for #2
        // being on the timeline is the signal that #1 was considered too.
        var events = await Eventually.Get(() => console.EventsAsync(1), e => Reminders(e).Contains(2), "the due reminder for item #2");
        Assert.Equal([2], Reminders(events));
        var texts = (await console.MessagesAsync(Room, "alice")).Select(m => m.Text).ToList();
        Assert.Single(texts, t => t.Contains("action item #2 of INC-1 is due", StringComparison.Ordinal));
        Assert.DoesNotContain(texts, t => t.Contains("action item #1", StringComparison.Ordinal));

        // Rescheduling the open item is a new due date, so a new nudge; and it is all on the timeline.
        var moved = await console.SayExpectingOneReplyAsync("alice", Room, "/incident action due 2 tomorrow");
        Assert.StartsWith("Action item #2 of INC-1 is now due", moved, StringComparison.Ordinal);
        Assert.Contains("Europe/Helsinki", moved, StringComparison.Ordinal);
        events = await console.EventsAsync(1);
        Assert.Equal(["ActionItemAdded", "ActionItemAdded", "ActionItemDone", "ActionItemOwnerChanged", "ActionItemDueChanged"],
            events.Select(Type).Where(t => t.StartsWith("ActionItem", StringComparison.Ordinal)));
        Assert.StartsWith("Action items of INC-1: 1 open, 1 done", await console.SayExpectingOneReplyAsync("alice", Room, "/incident actions"), StringComparison.Ordinal);
    }

    private static string Type(JsonElement e) => e.GetProperty("type").GetString()!;

    private static List<int> Reminders(IEnumerable<JsonElement> events) =>
        events.Where(e => Type(e) == "ReminderSent" && e.GetProperty("kind").GetString() == "actionItemDue")
            .Select(e => e.GetProperty("actionItemNumber").GetInt32()).ToList();
}
