using ChatOpsBot.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using static ChatOpsBot.Tests.Reminders.ReminderTimeline;

namespace ChatOpsBot.Tests.Reminders;

/// <summary>The reminders besides the status cadence, end to end on one host whose clock the test moves.</summary>
public sealed class FollowUpReminderTests
{
    private const string Room = "inc-1-checkout-failing";

    [Fact]
    public async Task AMissingScribeAnActionItemDueDateAndAnOverduePostmortemEachGetTheirReminder()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero)); // a Monday: no weekend in the postmortem's way
        using var bot = new BotFactory(new Dictionary<string, string?>
        {
            ["Reminders:StatusUpdate:Sev2"] = "",
            ["Reminders:MissingScribeAfter"] = "00:10:00",
            ["Reminders:PostmortemDue:Sev2"] = "04:00:00",
            ["Reminders:PostmortemDue:RepeatEvery"] = "",
        }, clock: clock);
        var console = new ConsoleApiClient(bot.CreateClient());
        await console.SayExpectingOneReplyAsync("alice", "general", "/incident declare sev2 Checkout failing");
        await Eventually.Get(() => console.EventsAsync(1), e => e.Any(x => Type(x) == "KickoffPosted"), "the channel");

        var added = await console.SayExpectingOneReplyAsync("alice", Room, "/incident action Add a canary @carol due 2h");
        Assert.Contains("Due in 2 h", added, StringComparison.Ordinal);
        clock.Advance(TimeSpan.FromMinutes(11));
        await Eventually.Get(() => console.EventsAsync(1), e => Kinds(e).Contains("missingScribe"), "the scribe reminder");
        await console.SayExpectingOneReplyAsync("alice", Room, "/incident resolve Rolled back"); // ends the role gap, starts the postmortem clock

        clock.Advance(TimeSpan.FromHours(2));
        await Eventually.Get(() => console.EventsAsync(1), e => Kinds(e).Contains("actionItemDue"), "the action item reminder");
        clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
        await Eventually.Get(() => console.EventsAsync(1), e => Kinds(e).Contains("postmortemDue"), "the postmortem reminder");

        // None of them repeats: a day later, nothing is left to plan or to fire.
        clock.Advance(TimeSpan.FromDays(1));
        await NothingScheduledAsync(bot.Services);
        var events = await console.EventsAsync(1);
        Assert.Equal(["actionItemDue", "missingScribe", "postmortemDue"], Kinds(events).Order(StringComparer.Ordinal));
        var texts = (await console.MessagesAsync(Room, "alice")).Select(m => m.Text).ToList();
        Assert.Single(texts, t => t.StartsWith("📝 @alice, INC-1 (SEV2) has no scribe", StringComparison.Ordinal));
        Assert.Single(texts, t => t == "☑️ @carol, action item #1 of INC-1 is due: Add a canary");
        Assert.Single(texts, t => t.StartsWith("📄 @alice, the postmortem of INC-1 is due", StringComparison.Ordinal));
    }

    private static List<string> Kinds(IEnumerable<System.Text.Json.JsonElement> events) =>
        events.Where(e => Type(e) == "ReminderSent").Select(e => e.GetProperty("kind").GetString()!).ToList();
}
