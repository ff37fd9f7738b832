using System.Text.Json.Nodes;
using ChatOpsBot.Core.Messages;
using ChatOpsBot.Teams;
using ChatOpsBot.Tests.Teams.Support;
using Microsoft.Extensions.DependencyInjection;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace ChatOpsBot.Tests.Chat;

/// <summary>
/// Thread mode: after a lost answer to the thread's root post, the Teams adapter finds that post among the incidents
/// channel's root messages (Graph GET /teams/{id}/channels/{id}/messages, paged by @odata.nextLink) and answers the
/// thread's conversation id, adopting only a root post by this bot's app that opens this incident's thread.
/// WireMock plays Graph with Microsoft's documented chatMessage shapes (<see cref="GraphPayloads"/>).
/// </summary>
public sealed class TeamsThreadLookupTests : IDisposable
{
    private const string Name = "inc-7-checkout-down";
    private const string Messages = $"/graph/v1.0/teams/{FakeTeams.TeamId}/channels/*/messages";

    private readonly TeamsBot _bot;

    public TeamsThreadLookupTests() : this(FakeTeams.TeamId)
    {
    }

    private TeamsThreadLookupTests(string teamId) => _bot = new TeamsBot(new Dictionary<string, string?>
    {
        ["Teams:ChannelMode"] = "thread",
        ["Teams:IncidentsChannelId"] = FakeTeams.IncidentsChannel,
        ["Teams:TeamId"] = teamId,
    });

    private TeamsChatPlatform Platform => _bot.Factory.Services.GetRequiredService<TeamsChatPlatform>();

    public static TheoryData<string> RootsOfTheIncident => new()
    {
        "card", // the bot's message as Graph shows a card: an <attachment> tag in the body, the card in attachments
        "html", // the same words in the HTML body
    };

    [Theory]
    [MemberData(nameof(RootsOfTheIncident))]
    public async Task TheBotsOwnRootPostOpeningTheIncidentIsFoundAsTheThreadConversation(string shape)
    {
        var root = shape == "card"
            ? GraphPayloads.BotCardPost("1767225600300", TeamsSigner.AppId, $"🚨 {Name}")
            : GraphPayloads.BotTextPost("1767225600300", TeamsSigner.AppId, $"<p>🚨 {Name}</p>");
        Page(GraphPayloads.MessagePage(null, GraphPayloads.PersonPost("1767225600400", "<p>is checkout down for anyone else?</p>"), root));

        var found = await Platform.FindIncidentChannelAsync(Name, 7, CancellationToken.None);

        Assert.Equal(TeamsChatPlatform.Conversation($"{FakeTeams.IncidentsChannel};messageid=1767225600300", Name), found);
        var lookup = Assert.Single(_bot.Teams.Entries($"/graph/v1.0/teams/{FakeTeams.TeamId}/channels/{FakeTeams.IncidentsChannel}/messages")).RequestMessage;
        Assert.Contains("?$top=50", Uri.UnescapeDataString(lookup.Url), StringComparison.Ordinal);
    }

    public static TheoryData<string, JsonObject> NotTheIncidentsThread => new()
    {
        { "another app's post", GraphPayloads.BotCardPost("1767225600301", GraphPayloads.OtherAppId, $"🚨 {Name}") },
        { "a person's post", GraphPayloads.PersonPost("1767225600302", $"<p>🚨 {Name}</p>") },
        { "another incident's thread", GraphPayloads.BotCardPost("1767225600303", TeamsSigner.AppId, "🚨 inc-71-checkout-down") },
        { "an announcement naming the incident", GraphPayloads.BotCardPost("1767225600304", TeamsSigner.AppId, $"🚨 INC-8 · SEV2 · Same as INC-7 {Name}") },
        { "a reply, not a root", GraphPayloads.BotCardPost("1767225600305", TeamsSigner.AppId, $"🚨 {Name}", replyToId: "1767225600100") },
    };

    [Theory]
    [MemberData(nameof(NotTheIncidentsThread))]
    public async Task APostThatDoesNotOpenThisIncidentsThreadIsNotAdopted(string what, JsonObject post)
    {
        Page(GraphPayloads.MessagePage(null, post));

        Assert.True(await Platform.FindIncidentChannelAsync(Name, 7, CancellationToken.None) is null, what);
    }

    [Fact]
    public async Task ARootOnALaterPageIsFoundByFollowingTheSkipTokenOnly()
    {
        var first = GraphPayloads.MessagePage("page/2+token=", GraphPayloads.PersonPost("1767225600400", "<p>hello</p>"));
        var second = GraphPayloads.MessagePage(null, GraphPayloads.BotCardPost("1767225600300", TeamsSigner.AppId, $"🚨 {Name}"));
        _bot.Teams.Server.Given(Request.Create().WithPath(new WildcardMatcher(Messages)).UsingGet()).AtPriority(1).RespondWith(Response.Create().WithCallback(request =>
            new WireMock.ResponseMessage
            {
                BodyData = new WireMock.Util.BodyData
                {
                    BodyAsString = Uri.UnescapeDataString(request.Url).Contains("$skiptoken=page/2+token=", StringComparison.Ordinal) ? second : first,
                    DetectedBodyType = WireMock.Types.BodyType.String,
                },
                Headers = new Dictionary<string, WireMock.Types.WireMockList<string>> { ["Content-Type"] = new("application/json") },
            }));

        var found = await Platform.FindIncidentChannelAsync(Name, 7, CancellationToken.None);

        Assert.Equal($"{FakeTeams.IncidentsChannel};messageid=1767225600300", found?.Id);
        // The nextLink names graph.microsoft.com; the bot took its token and asked its own Graph address.
        Assert.Equal(2, _bot.Teams.Entries($"/graph/v1.0/teams/{FakeTeams.TeamId}/channels/").Count);
    }

    [Fact]
    public async Task OfTwoRootsOfTheIncidentTheOlderIsAdopted()
    {
        Page(GraphPayloads.MessagePage(null,
            GraphPayloads.BotCardPost("1767225600500", TeamsSigner.AppId, $"🚨 {Name}", createdDateTime: "2026-01-01T00:05:00.000Z"),
            GraphPayloads.BotCardPost("1767225600300", TeamsSigner.AppId, $"🚨 {Name}", createdDateTime: "2026-01-01T00:00:01.000Z")));

        var found = await Platform.FindIncidentChannelAsync(Name, 7, CancellationToken.None);

        Assert.Equal($"{FakeTeams.IncidentsChannel};messageid=1767225600300", found?.Id);
    }

    [Fact]
    public async Task AGraphRefusalIsNothingFoundSoTheThreadIsPostedAgainRatherThanNever()
    {
        _bot.Teams.Server.Given(Request.Create().WithPath(new WildcardMatcher(Messages)).UsingGet()).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(403).WithHeader("Content-Type", "application/json")
                .WithBody("""{"error":{"code":"Forbidden","message":"Missing role permissions on the request."}}"""));

        Assert.Null(await Platform.FindIncidentChannelAsync(Name, 7, CancellationToken.None));
    }

    [Fact]
    public async Task GraphThrottlingIsTheNeutralRetryLaterFailure()
    {
        _bot.Teams.Server.Given(Request.Create().WithPath(new WildcardMatcher(Messages)).UsingGet()).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(503).WithHeader("Retry-After", "1"));

        await Assert.ThrowsAsync<ChatUnavailableException>(() => Platform.FindIncidentChannelAsync(Name, 7, CancellationToken.None));
    }

    public void Dispose() => _bot.Dispose();

    private void Page(string body) =>
        _bot.Teams.Server.Given(Request.Create().WithPath(new WildcardMatcher(Messages)).UsingGet()).AtPriority(1).RespondWith(Json(body));

    private static IResponseBuilder Json(string body) => Response.Create().WithHeader("Content-Type", "application/json").WithBody(body);

    /// <summary>Thread mode without Teams:TeamId: Graph cannot be asked, so nothing is found and nothing is called.</summary>
    public sealed class WithoutATeamId : IDisposable
    {
        private readonly TeamsThreadLookupTests _tests = new(teamId: "");

        [Fact]
        public async Task NothingIsLookedUp()
        {
            Assert.Null(await _tests.Platform.FindIncidentChannelAsync(Name, 7, CancellationToken.None));
            Assert.Empty(_tests._bot.Teams.Entries("/graph/v1.0/teams/"));
        }

        public void Dispose() => _tests.Dispose();
    }
}
