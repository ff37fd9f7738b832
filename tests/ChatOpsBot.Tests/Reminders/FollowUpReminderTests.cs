using ChatOpsBot.Tests.Support;
using static ChatOpsBot.Tests.Reminders.ReminderTimeline;

namespace ChatOpsBot.Tests.Reminders;

/// <summary>The reminders besides the status cadence, end to end on one host with intervals of seconds.</summary>
public sealed class FollowUpReminderTests
{
    private const string Room = "inc-1-checkout-failing";

    [Fact]
    public async Task A_missing_scribe_an_action_item_due_date_and_an_overdue_postmortem_each_get_their_reminder()
    {
        using var bot = new BotFactory(new Dictionary<string, string?>
        {
            ["Reminders:StatusUpdate:Sev2"] = "",
            ["Reminders:MissingScribeAfter"] = "00:00:01",
            ["Reminders:PostmortemDue:Sev2"] = "00:00:02",
            ["Reminders:PostmortemDue:RepeatEvery"] = "",
        });
        var console = new ConsoleApiClient(bot.CreateClient());
        await console.SayExpectingOneReplyAsync("alice", "general", "/incident declare sev2 Checkout failing");
        await Eventually.Get(() => console.EventsAsync(1), e => e.Any(x => Type(x) == "KickoffPosted"), "the channel");

        var added = await console.SayExpectingOneReplyAsync("alice", Room, "/incident action Add a canary @carol due 2s");
        Assert.Contains("Due in 2 s", added, StringComparison.Ordinal);
        await Eventually.Get(() => console.EventsAsync(1), e => Kinds(e).Contains("missingScribe"), "the scribe reminder");
        await console.SayExpectingOneReplyAsync("alice", Room, "/incident resolve Rolled back"); // ends the role gap, starts the postmortem clock

        var events = await Eventually.Get(() => console.EventsAsync(1),
            e => Kinds(e).Contains("missingScribe") && Kinds(e).Contains("actionItemDue") && Kinds(e).Contains("postmortemDue"),
            "the scribe, action item and postmortem reminders");
        await Task.Delay(TimeSpan.FromSeconds(2)); // none of them repeats

        events = await console.EventsAsync(1);
        Assert.Equal(["actionItemDue", "missingScribe", "postmortemDue"], Kinds(events).Order(StringComparer.Ordinal));
        var texts = (await console.MessagesAsync(Room, "alice")).Select(m => m.Text).ToList();
        Assert.Single(texts, t => t.StartsWith("📝 @alice, INC-1 (SEV2) has no scribe", StringComparison.Ordinal));
        Assert.Single(texts, t => t == "☑️ @carol, action item #1 of INC-1 is due: Add a canary");
        Assert.Single(texts, t => t.StartsWith("📄 @alice, the postmortem of INC-1 is due", StringComparison.Ordinal));
    }

    private static List<string> Kinds(IEnumerable<System.Text.Json.JsonElement> events) =>
        events.Where(e => Type(e) == "ReminderSent").Select(e => e.GetProperty("kind").GetString()!).ToList();
}
