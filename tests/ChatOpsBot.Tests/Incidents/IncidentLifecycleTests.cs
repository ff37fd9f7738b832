using System.Net;
using System.Text.Json;
using ChatOpsBot.Tests.Support;

namespace ChatOpsBot.Tests.Incidents;

/// <summary>
/// The whole lifecycle through the console API, on each store: what a responder does and sees, and that the
/// timeline survives a restart. Subclasses pick the store.
/// </summary>
public abstract class IncidentLifecycleTests
{
    protected abstract IReadOnlyDictionary<string, string?> Settings { get; }

    [Fact]
    public async Task ADeclaredIncidentGetsAChannelRolesMessagesAndACompleteTimelineThatSurvivesARestart()
    {
        var settings = Settings;
        int eventCount;
        using (var bot = new BotFactory(settings))
        {
            var console = new ConsoleApiClient(bot.CreateClient());

            var declared = await console.SayExpectingOneReplyAsync("alice", "general", "/incident declare sev2 Checkout failing");
            Assert.Contains("INC-1", declared, StringComparison.Ordinal);

            var channel = await Eventually.Get(
                async () => (await console.ChannelsAsync("alice")).FirstOrDefault(c => c.Name == "inc-1-checkout-failing"),
                c => c is not null && c.Topic.Contains("IC: @alice", StringComparison.Ordinal),
                "the incident channel with its topic");
            Assert.Equal("SEV2 · Investigating · IC: @alice", channel!.Topic);
            Assert.Contains("alice", channel.Members);

            var kickoff = await Eventually.Get(() => console.MessagesAsync("inc-1-checkout-failing", "alice"), m => m.Count > 0, "the kick-off message");
            Assert.Contains("Checkout failing", kickoff[0].Text, StringComparison.Ordinal);
            var announcement = await Eventually.Get(() => console.MessagesAsync("incidents"), m => m.Any(x => x.Text.Contains("INC-1", StringComparison.Ordinal)), "the announcement in #incidents");
            Assert.Contains("#inc-1-checkout-failing", announcement[^1].Text, StringComparison.Ordinal);

            // Inside the incident channel the incident is implied.
            const string Room = "inc-1-checkout-failing";
            Assert.Contains("@bob is now scribe", await console.SayExpectingOneReplyAsync("alice", Room, "/incident scribe @bob"), StringComparison.Ordinal);
            Assert.Contains("SEV1", await console.SayExpectingOneReplyAsync("alice", Room, "/incident severity sev1"), StringComparison.Ordinal);
            await console.SayExpectingOneReplyAsync("alice", Room, "/incident status identified");
            await console.SayExpectingOneReplyAsync("alice", Room, "/incident update Rolling back the 14:02 deploy");
            await console.SayExpectingOneReplyAsync("bob", Room, "/incident note Error rate back to baseline");
            await console.SayExpectingOneReplyAsync("alice", Room, "/incident action Add a canary for checkout @carol");
            // Elsewhere, the incident is named.
            await console.SayExpectingOneReplyAsync("alice", "general", "/incident INC-1 resolve Rolled back the deploy");
            Assert.Contains("closed", await console.SayExpectingOneReplyAsync("alice", Room, "/incident close"), StringComparison.Ordinal);

            var incident = await console.IncidentAsync(1);
            Assert.Equal("closed", incident.GetProperty("status").GetString());
            Assert.Equal("SEV1", incident.GetProperty("severity").GetString());
            Assert.Equal("bob", incident.GetProperty("roles").GetProperty("scribe").GetProperty("id").GetString());

            var events = await Eventually.Get(() => console.EventsAsync(1), e => Types(e).Contains("ChannelMessagesPosted") && Types(e).Contains("PostmortemDrafted") && Types(e).Contains("StakeholderCopyDelivered"),
                "the reconciler to post the closing message and then the postmortem draft");
            var responderSteps = Types(events).Where(t => !Reminders.ReminderTimeline.Bookkeeping.Contains(t)).ToList();
            Assert.Equal(
                ["Declared", "RoleAssigned", "RoleAssigned", "SeverityChanged", "StatusChanged", "StatusUpdatePosted", "NoteAdded", "ActionItemAdded", "Resolved", "Closed"],
                responderSteps);
            Assert.Equal(Enumerable.Range(1, events.Count).Select(v => (long)v), events.Select(e => e.GetProperty("version").GetInt64()));
            Assert.All(events, e => Assert.Equal(TimeSpan.Zero, e.GetProperty("recordedAt").GetDateTimeOffset().Offset));
            Assert.Equal("bob", events.Single(e => Type(e) == "NoteAdded").GetProperty("actor").GetProperty("id").GetString());

            var roomMessages = await console.MessagesAsync(Room, "alice");
            Assert.Contains(roomMessages, m => m.Text.Contains("@bob is now scribe", StringComparison.Ordinal));
            Assert.Contains(roomMessages, m => m.Text.Contains("SEV2 to SEV1", StringComparison.Ordinal));
            Assert.Contains(roomMessages, m => m.Text.Contains("Closed by @alice", StringComparison.Ordinal));
            eventCount = events.Count;
        }

        using (var restarted = new BotFactory(settings))
        {
            var console = new ConsoleApiClient(restarted.CreateClient());
            var incident = await console.IncidentAsync(1);
            Assert.Equal("closed", incident.GetProperty("status").GetString());
            Assert.Equal("Checkout failing", incident.GetProperty("title").GetString());
            Assert.Equal(eventCount, (await console.EventsAsync(1)).Count);
            Assert.Contains(await console.ChannelsAsync("alice"), c => c.Name == "inc-1-checkout-failing");

            // Numbering carries on after the restart.
            Assert.Contains("INC-2", await console.SayExpectingOneReplyAsync("dave", "general", "/incident declare Search is slow"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task FiftyConcurrentCommandsOnOneIncidentLoseNoEvent()
    {
        using var bot = new BotFactory(Settings);
        var console = new ConsoleApiClient(bot.CreateClient());
        await console.SayExpectingOneReplyAsync("alice", "general", "/incident declare sev3 Queue backlog");

        await Task.WhenAll(Enumerable.Range(1, 50).Select(i =>
            console.SayExpectingOneReplyAsync($"user{i}", "general", $"/incident INC-1 note observation {i}")));

        // The state is read first: the reconciler may append its bookkeeping in between, never remove anything.
        var foldedVersion = (await console.IncidentAsync(1)).GetProperty("version").GetInt64();
        var events = await console.EventsAsync(1);
        var notes = events.Where(e => Type(e) == "NoteAdded").Select(e => e.GetProperty("text").GetString()).ToList();
        Assert.Equal(Enumerable.Range(1, 50).Select(i => $"observation {i}").Order(), notes.Order());
        Assert.Equal(Enumerable.Range(1, events.Count).Select(v => (long)v), events.Select(e => e.GetProperty("version").GetInt64()));
        Assert.InRange(foldedVersion, 52, events.Count);
    }

    [Theory]
    [InlineData("/incident frobnicate", "don't know the command")]
    [InlineData("/incident declare", "needs a title")]
    [InlineData("/incident INC-42 note hello", "no INC-42")]
    [InlineData("/incident note hello", "not an incident channel")]
    public async Task BadCommandsGetAClearReplyAndChangeNothing(string text, string expected)
    {
        using var bot = new BotFactory(Settings);
        var console = new ConsoleApiClient(bot.CreateClient());

        var reply = await console.SayExpectingOneReplyAsync("alice", "general", text);

        Assert.Contains(expected, reply, StringComparison.Ordinal);
        Assert.Contains("/incident", reply, StringComparison.Ordinal); // the usage
        var list = await bot.CreateClient().GetAsync("/api/incidents?status=all");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal("[]", await list.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CommandsThatTheStateForbidsAreRefusedAndAppendNothing()
    {
        using var bot = new BotFactory(Settings);
        var console = new ConsoleApiClient(bot.CreateClient());
        await console.SayExpectingOneReplyAsync("alice", "general", "/incident declare Cache misses");
        await console.SayExpectingOneReplyAsync("alice", "general", "/incident INC-1 resolve");
        var before = (await console.EventsAsync(1)).Count(e => !IsBookkeeping(e));

        Assert.Contains("already resolved", await console.SayExpectingOneReplyAsync("alice", "general", "/incident INC-1 resolve"), StringComparison.Ordinal);
        Assert.Contains("no role", await console.SayExpectingOneReplyAsync("alice", "general", "/incident INC-1 role janitor @bob"), StringComparison.Ordinal);
        await console.SayExpectingOneReplyAsync("alice", "general", "/incident INC-1 close");
        Assert.Contains("closed", await console.SayExpectingOneReplyAsync("alice", "general", "/incident INC-1 note too late"), StringComparison.Ordinal);
        Assert.Contains("cannot be reopened", await console.SayExpectingOneReplyAsync("alice", "general", "/incident INC-1 reopen"), StringComparison.Ordinal);

        Assert.Equal(before + 1, (await console.EventsAsync(1)).Count(e => !IsBookkeeping(e))); // only Closed
    }

    [Fact]
    public async Task APrivateIncidentGetsAMembersOnlyChannelAndNoAnnouncement()
    {
        using var bot = new BotFactory(Settings);
        var console = new ConsoleApiClient(bot.CreateClient());
        await console.SayExpectingOneReplyAsync("alice", "general", "/incident declare sev1 private Credential leak");

        await Eventually.Get(() => console.ChannelsAsync("alice"), c => c.Any(x => x.Name == "inc-1-credential-leak" && x.Private), "the private channel");
        await Eventually.Get(() => console.EventsAsync(1), e => Types(e).Contains("KickoffPosted"), "the kick-off");

        Assert.DoesNotContain(await console.ChannelsAsync("mallory"), c => c.Name.StartsWith("inc-1", StringComparison.Ordinal));
        Assert.DoesNotContain(await console.MessagesAsync("incidents"), m => m.Text.Contains("Credential", StringComparison.Ordinal));
        Assert.Contains("no INC-1", await console.SayExpectingOneReplyAsync("mallory", "general", "/incident INC-1 roles"), StringComparison.Ordinal);
        Assert.Contains("No open incidents", await console.SayExpectingOneReplyAsync("mallory", "general", "/incident list"), StringComparison.Ordinal);
    }

    private static string Type(JsonElement e) => e.GetProperty("type").GetString()!;

    private static List<string> Types(IEnumerable<JsonElement> events) => events.Select(Type).ToList();

    private static bool IsBookkeeping(JsonElement e) => Reminders.ReminderTimeline.Bookkeeping.Contains(Type(e));
}

public sealed class IncidentLifecycleOnSqliteTests : IncidentLifecycleTests, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("chatopsbot-").FullName;

    protected override IReadOnlyDictionary<string, string?> Settings => BotFactory.Sqlite(Path.Combine(_directory, "chatopsbot.db"));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}

[Collection(RedisCollection.Name)]
public sealed class IncidentLifecycleOnRedisTests(RedisServerFixture redis) : IncidentLifecycleTests
{
    private readonly string _prefix = RedisServerFixture.NewKeyPrefix();

    protected override IReadOnlyDictionary<string, string?> Settings => BotFactory.Redis(redis.ConnectionString, _prefix);
}
