using System.Text.Json.Nodes;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Storage;
using ChatOpsBot.Teams;
using ChatOpsBot.Tests.Support;
using ChatOpsBot.Tests.Teams.Support;
using WireMock;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Types;
using WireMock.Util;

namespace ChatOpsBot.Tests.Reliability;

/// <summary>
/// Teams made the incident's room but its answer never arrived: the gateway answered 504 after the root post or the
/// group chat existed. The HTTP layer does not send the create again, and the reconciler's next attempt finds the
/// room through Graph and records it, so there is exactly one thread (or chat) and the kick-off goes there. A room
/// that is not the incident's (another app's post, another incident's thread or chat) is not adopted.
/// WireMock plays the Bot Connector and Graph (payload shapes: <see cref="GraphPayloads"/>).
/// </summary>
public sealed class TeamsRoomAfterLostAnswerTests
{
    private const string LostRoot = "1767225600300";
    private const string LostThread = FakeTeams.IncidentsChannel + ";messageid=" + LostRoot;
    private const string SecondThread = FakeTeams.IncidentsChannel + ";messageid=1767225600999";
    private const string LostChat = "19:lostanswer@thread.v2";
    private const string SecondChat = "19:secondchat@thread.v2";

    [Fact]
    public async Task AThreadWhoseRootPostsAnswerWasLostIsAdoptedAndNotPostedTwice()
    {
        using var bot = ThreadModeBot();
        var creates = AnswerThreadCreatesLosingTheFirst(bot);
        ChannelRootsAfterTheFirstCreate(bot, creates, GraphPayloads.BotCardPost(LostRoot, TeamsSigner.AppId, "🚨 inc-1-checkout-failing"));

        var incident = await bot.DeclareAndWaitAsync();

        Assert.Equal(LostThread, incident.Channel!.Id);
        Assert.Equal(1, creates.Count);
        Assert.NotEmpty(bot.Teams.SentTo(LostThread)); // the kick-off card, in the thread people can already see
        Assert.Single(await bot.TimelineAsync(), e => e is ChannelOpened);
    }

    [Fact]
    public async Task AfterARestartBetweenTheRootPostAndItsRecordTheThreadIsAdoptedWithoutPostingAgain()
    {
        var directory = Directory.CreateTempSubdirectory("chatopsbot-teams-crash-").FullName;
        try
        {
            // What a host killed after Teams made the root post leaves in its store: the incident and the intent, no ChannelOpened.
            var database = Path.Combine(directory, "chatopsbot.db");
            var store = new IncidentService(new SqliteIncidentStore(new SqliteDatabase(database), TimeProvider.System), TimeProvider.System, new IncidentSettings());
            var declared = await store.DeclareAsync(new DeclareRequest("Checkout failing", Severity.Sev2, Origin: TeamsChatPlatform.Conversation(FakeTeams.OpsChannel)),
                new EventContext(new Actor(TeamsBot.Alice.Id), EventSource.Command), CancellationToken.None);
            await store.ExecuteAsync(declared.Incident.Number, _ => Decision.Accept(new ChannelOpening("inc-1-checkout-failing")), new EventContext(Actor.Bot, EventSource.Bot), CancellationToken.None);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

            using var restarted = ThreadModeBot(BotFactory.Sqlite(database));
            var creates = AnswerThreadCreatesLosingTheFirst(restarted);
            ChannelRootsAfterTheFirstCreate(restarted, creates: null, GraphPayloads.BotCardPost(LostRoot, TeamsSigner.AppId, "🚨 inc-1-checkout-failing"));

            var timeline = await Eventually.Get(() => restarted.TimelineAsync(), t => t.OfType<KickoffPosted>().Any(), "the channel steps after the restart");

            Assert.Equal(LostThread, Assert.Single(timeline.OfType<ChannelOpened>()).Channel.Id);
            Assert.Equal(0, creates.Count);
            Assert.NotEmpty(restarted.Teams.SentTo(LostThread));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task InChannelModeAChannelWhoseCreateAnswerWasLostIsAdoptedNotSuffixed()
    {
        using var bot = new TeamsBot();
        var creates = new Counter();
        bot.Teams.Server.Given(Request.Create().WithPath($"/graph/v1.0/teams/{FakeTeams.TeamId}/channels").UsingPost()).AtPriority(1)
            .RespondWith(Response.Create().WithCallback(_ => creates.Increment() == 1
                ? Answer(504, """{"error":{"code":"GatewayTimeout","message":"The operation timed out."}}""")
                : Answer(400, """{"error":{"code":"NameAlreadyExists","message":"Channel name already existed, please use other name."}}""")));
        bot.Teams.Server.Given(Request.Create().WithPath($"/graph/v1.0/teams/{FakeTeams.TeamId}/channels").UsingGet()).AtPriority(1)
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(
                $$"""{"value":[{"id":"{{FakeTeams.IncidentChannel}}","displayName":"inc-1-checkout-failing","description":"Incident channel inc-1-checkout-failing, opened by ChatOpsBot"}]}"""));

        var incident = await bot.DeclareAndWaitAsync();

        Assert.Equal(FakeTeams.IncidentChannel, incident.Channel!.Id);
        Assert.Equal(1, creates.Count);
    }

    public static TheoryData<string, JsonObject> NotThisIncidentsThread => new()
    {
        { "another app's root post", GraphPayloads.BotCardPost(LostRoot, GraphPayloads.OtherAppId, "🚨 inc-1-checkout-failing") },
        { "another incident's thread", GraphPayloads.BotCardPost(LostRoot, TeamsSigner.AppId, "🚨 inc-11-checkout-failing") },
    };

    [Theory]
    [MemberData(nameof(NotThisIncidentsThread))]
    public async Task ARootPostThatIsNotThisIncidentsThreadIsNotAdopted(string what, JsonObject post)
    {
        using var bot = ThreadModeBot();
        var creates = AnswerThreadCreatesLosingTheFirst(bot);
        ChannelRootsAfterTheFirstCreate(bot, creates, post);

        var incident = await bot.DeclareAndWaitAsync();

        Assert.True(incident.Channel!.Id == SecondThread, $"{what} was adopted: {incident.Channel.Id}");
        Assert.Equal(2, creates.Count);
    }

    [Fact]
    public async Task APrivateIncidentsGroupChatWhoseAnswerWasLostIsAdoptedAndNotCreatedTwice()
    {
        using var bot = new TeamsBot(new Dictionary<string, string?> { ["Teams:CatalogAppId"] = "5a3b8c1d-0000-4000-8000-00000000c0de" });
        var creates = AnswerChatCreatesLosingTheFirst(bot);
        DeclarersChats(bot, (LostChat, "inc-1-payroll-data-exposed", "group"));

        var incident = await bot.DeclareAndWaitAsync("incident declare sev2 private Payroll data exposed");

        Assert.Equal(LostChat, incident.Channel!.Id);
        Assert.Equal(1, creates.Count);
        var lookup = Assert.Single(bot.Teams.Entries($"/graph/v1.0/users/{TeamsBot.Alice.Aad}/chats")).RequestMessage;
        Assert.EndsWith("?$filter=topic eq 'inc-1-payroll-data-exposed'", Uri.UnescapeDataString(lookup.Url), StringComparison.Ordinal);
        // The crash may have come before the app was installed there; the bot can post only once it is.
        Assert.Contains(bot.Teams.Calls($"/graph/v1.0/chats/{LostChat}/installedApps"), c => c.Method == "POST");
        Assert.NotEmpty(bot.Teams.SentTo(LostChat));
    }

    [Fact]
    public async Task AChatWhoseTopicNamesAnotherIncidentIsNotAdopted()
    {
        using var bot = new TeamsBot();
        var creates = AnswerChatCreatesLosingTheFirst(bot);
        DeclarersChats(bot, (LostChat, "inc-11-payroll-data-exposed", "group"), ("19:meeting_x@thread.v2", "inc-1-payroll-data-exposed", "meeting"));

        var incident = await bot.DeclareAndWaitAsync("incident declare sev2 private Payroll data exposed");

        Assert.Equal(SecondChat, incident.Channel!.Id);
        Assert.Equal(2, creates.Count);
    }

    private static TeamsBot ThreadModeBot(IReadOnlyDictionary<string, string?>? store = null) => new(new Dictionary<string, string?>(store ?? new Dictionary<string, string?>())
    {
        ["Teams:ChannelMode"] = "thread",
        ["Teams:IncidentsChannelId"] = FakeTeams.IncidentsChannel,
    });

    /// <summary>Thread creates: the first reaches Teams but its answer is a 504; later ones get a new thread.</summary>
    private static Counter AnswerThreadCreatesLosingTheFirst(TeamsBot bot)
    {
        var creates = new Counter();
        bot.Teams.Server.Given(Request.Create().WithPath("/connector/v3/conversations").UsingPost().WithBody(new JsonPartialMatcher("""{"isGroup":true}""")))
            .AtPriority(1).RespondWith(Response.Create().WithCallback(_ => creates.Increment() == 1
                ? Answer(504, """{"error":{"code":"GatewayTimeout","message":"The operation timed out."}}""")
                : Answer(200, $$"""{"id":"{{SecondThread}}","activityId":"1767225600999"}""")));
        return creates;
    }

    private static Counter AnswerChatCreatesLosingTheFirst(TeamsBot bot)
    {
        var creates = new Counter();
        bot.Teams.Server.Given(Request.Create().WithPath("/graph/v1.0/chats").UsingPost()).AtPriority(1)
            .RespondWith(Response.Create().WithCallback(_ => creates.Increment() == 1
                ? Answer(504, """{"error":{"code":"GatewayTimeout","message":"The operation timed out."}}""")
                : Answer(201, $$"""{"id":"{{SecondChat}}","chatType":"group"}""")));
        return creates;
    }

    /// <summary>
    /// The incidents channel's root posts: nothing before the first create reached Teams, then its post (without
    /// <paramref name="creates"/>, the post is there from the start: it was made before a restart).
    /// </summary>
    private static void ChannelRootsAfterTheFirstCreate(TeamsBot bot, Counter? creates, JsonObject post)
    {
        var page = GraphPayloads.MessagePage(null, GraphPayloads.PersonPost("1767225600200", "<p>deploy done</p>"), post);
        bot.Teams.Server.Given(Request.Create().WithPath(new WildcardMatcher($"/graph/v1.0/teams/{FakeTeams.TeamId}/channels/*/messages")).UsingGet()).AtPriority(1)
            .RespondWith(Response.Create().WithCallback(_ => Answer(200, creates?.Count == 0 ? GraphPayloads.MessagePage(null) : page)));
    }

    private static void DeclarersChats(TeamsBot bot, params (string Id, string? Topic, string ChatType)[] chats) =>
        bot.Teams.Server.Given(Request.Create().WithPath($"/graph/v1.0/users/{TeamsBot.Alice.Aad}/chats").UsingGet()).AtPriority(1)
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(GraphPayloads.ChatList(chats)));

    private static ResponseMessage Answer(int status, string json) => new()
    {
        StatusCode = status,
        BodyData = new BodyData { BodyAsString = json, DetectedBodyType = BodyType.String },
        Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new("application/json") },
    };

    private sealed class Counter
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public int Increment() => Interlocked.Increment(ref _count);
    }
}
