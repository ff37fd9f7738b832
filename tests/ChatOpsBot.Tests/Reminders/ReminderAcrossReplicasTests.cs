using System.Text.Json;
using ChatOpsBot.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using static ChatOpsBot.Tests.Reminders.ReminderTimeline;
using ChatOpsBot.Reminders;

namespace ChatOpsBot.Tests.Reminders;

/// <summary>
/// Two (then three) real hosts sharing one real Redis and one clock the test moves, as replicas do, with a SEV1
/// cadence of two seconds: each due time is reminded exactly once, an update resets the clock, a host going away
/// loses nothing, resolve stops it all.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class ReminderAcrossReplicasTests(RedisServerFixture redis)
{
    private const string Room = "inc-1-checkout-failing";
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task ASev1IncidentIsRemindedOncePerDueTimeAcrossReplicasAndRestartsUntilResolved()
    {
        var settings = new Dictionary<string, string?>(BotFactory.Redis(redis.ConnectionString, RedisServerFixture.NewKeyPrefix()))
        {
            ["Reminders:StatusUpdate:Sev1"] = "00:00:02",
        };
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var first = new BotFactory(settings, clock: clock);
        var second = new BotFactory(settings, clock: clock);
        BotFactory? third = null;
        try
        {
            var console = new ConsoleApiClient(first.CreateClient());
            _ = second.Services; // starts the second replica

            await console.SayExpectingOneReplyAsync("alice", "general", "/incident declare sev1 Checkout failing");
            var events = new List<JsonElement>();
            for (var round = 1; round <= 3; round++)
            {
                clock.Advance(Every);
                events = await WaitForRemindersAsync(console, round, $"reminder {round}");
            }

            var declaredAt = OccurredAt(events[0]);
            Assert.Equal([declaredAt + Every, declaredAt + 2 * Every, declaredAt + 3 * Every], DueTimes(events).Take(3));

            // An update resets the clock: the next reminder is due an interval after it, not after the last one.
            await console.SayExpectingOneReplyAsync("alice", Room, "/incident update Rolling back the deploy");
            var updatedAt = await LastUpdateAtAsync(console);
            clock.Advance(Every);
            events = await WaitForReminderAfterAsync(console, updatedAt, 1);
            Assert.Equal(updatedAt + Every, DueTimes(events).First(d => d > updatedAt));

            // "update next 5s" wins for its round; the cadence takes over after it.
            var reply = await console.SayExpectingOneReplyAsync("alice", Room, "/incident update next 5s Watching error rates");
            Assert.Contains("Next update due in 5 s", reply, StringComparison.Ordinal);
            var promisedAt = await LastUpdateAtAsync(console);
            clock.Advance(TimeSpan.FromSeconds(5));
            await WaitForReminderAfterAsync(console, promisedAt, 1);
            clock.Advance(Every);
            events = await WaitForReminderAfterAsync(console, promisedAt, 2);
            Assert.Equal([promisedAt + TimeSpan.FromSeconds(5), promisedAt + TimeSpan.FromSeconds(7)], DueTimes(events).Where(d => d > promisedAt).Take(2));

            // One replica goes away between two due times: the other already holds the schedule.
            var before = DueTimes(events).Max();
            first.Dispose();
            console = new ConsoleApiClient(second.CreateClient());
            // The survivor may have lost the last claim to the one that left; then it looks again only after its retry delay.
            clock.Advance(Every + ReminderPlanner.RetryDelay);
            events = await Eventually.Get(() => console.EventsAsync(1), e => DueTimes(e).Max() > before, "a reminder after the first replica left", Patience);

            // A fresh replica starts and the last old one stops: the newcomer plans from the store alone.
            third = new BotFactory(settings, clock: clock);
            console = new ConsoleApiClient(third.CreateClient());
            second.Dispose();
            before = DueTimes(await console.EventsAsync(1)).Max();
            for (var round = 1; round <= 2; round++)
            {
                clock.Advance(Every);
                await Eventually.Get(() => console.EventsAsync(1), e => DueTimes(e).Count(d => d > before) >= round, $"reminder {round} from the restarted replica", Patience);
            }

            await console.SayExpectingOneReplyAsync("alice", Room, "/incident resolve Rolled back");
            clock.Advance(3 * Every); // two more rounds would be due, had resolve not stopped them
            await NothingScheduledAsync(third.Services);
            events = await console.EventsAsync(1);

            var resolvedAt = OccurredAt(events.Single(e => Type(e) == "Resolved"));
            Assert.All(DueTimes(events), d => Assert.True(d <= resolvedAt, $"A reminder was due at {d:O}, after the resolve at {resolvedAt:O}."));

            // Exactly once per due time, and every due time on the grid the updates set.
            var dues = DueTimes(events);
            Assert.Equal(dues.Count, dues.Distinct().Count());
            Assert.All(dues.Where(d => d > promisedAt), d => Assert.Equal(0, (d - promisedAt - TimeSpan.FromSeconds(5)).Ticks % Every.Ticks));

            // The timeline shows every reminder, sent by the bot as a reminder, and nothing else changed.
            Assert.All(StatusReminders(events), e =>
            {
                Assert.Equal("chatopsbot", e.GetProperty("actor").GetProperty("id").GetString());
                Assert.Equal("reminder", e.GetProperty("source").GetString());
            });
            Assert.Equal(["Declared", "RoleAssigned", "StatusUpdatePosted", "StatusUpdatePosted", "Resolved"], ResponderSteps(events));

            // Each recorded reminder was posted once in the incident channel, to the commander, with its button.
            var posted = (await console.MessagesJsonAsync(Room, "alice")).EnumerateArray()
                .Where(m => m.GetProperty("text").GetString()!.StartsWith("⏰ @alice, a status update on INC-1 is due", StringComparison.Ordinal))
                .ToList();
            Assert.Equal(dues.Count, posted.Count);
            Assert.Contains("/incident INC-1 update ", posted[0].GetRawText(), StringComparison.Ordinal);
        }
        finally
        {
            first.Dispose();
            second.Dispose();
            third?.Dispose();
        }
    }

    private static Task<List<JsonElement>> WaitForRemindersAsync(ConsoleApiClient console, int count, string what) =>
        Eventually.Get(() => console.EventsAsync(1), e => StatusReminders(e).Count >= count, what, Patience);

    private static Task<List<JsonElement>> WaitForReminderAfterAsync(ConsoleApiClient console, DateTimeOffset after, int count) =>
        Eventually.Get(() => console.EventsAsync(1), e => DueTimes(e).Count(d => d > after) >= count, $"{count} reminder(s) due after {after:O}", Patience);

    private static async Task<DateTimeOffset> LastUpdateAtAsync(ConsoleApiClient console) =>
        OccurredAt((await console.EventsAsync(1)).Last(e => Type(e) == "StatusUpdatePosted"));
}
