using System.Net;
using ChatOpsBot.Core.Messages;
using ChatOpsBot.Teams;
using ChatOpsBot.Tests.Support;
using ChatOpsBot.Tests.Teams.Support;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using static ChatOpsBot.Tests.Teams.Support.TeamsBot;

namespace ChatOpsBot.Tests.Teams;

/// <summary>
/// Two replicas on one real Redis. Teams talks to replica A from a regional serviceUrl (/emea/ on the fake); replica
/// B, which never heard from Teams, must still reach that conversation and that person there, not at the configured
/// global Teams:ServiceUrl (/connector/ on the fake).
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class TeamsReplicaReferencesTests : IDisposable
{
    private const string EmeaChat = "a:1bob-emea-chat";

    private readonly TeamsBot _a;
    private readonly TeamsBot _b;

    public TeamsReplicaReferencesTests(RedisServerFixture redis)
    {
        var shared = new Dictionary<string, string?>(BotFactory.Redis(redis.ConnectionString, RedisServerFixture.NewKeyPrefix()));
        _a = new TeamsBot(shared);
        _b = new TeamsBot(shared, replicaOf: _a);
        var server = _a.Teams.Server;
        server.Given(Request.Create().WithPath("/emea/v3/conversations").UsingPost()).RespondWith(Response.Create()
            .WithHeader("Content-Type", "application/json").WithBody($$"""{"id":"{{EmeaChat}}"}"""));
        server.Given(Request.Create().WithPath("/emea/v3/conversations/*").UsingPost()).RespondWith(Response.Create()
            .WithStatusCode(201).WithHeader("Content-Type", "application/json").WithBody("""{"id":"1767225699999"}"""));
    }

    private string Emea => _a.Teams.Url + "/emea/";

    [Fact]
    public async Task AReplicaThatNeverHeardFromTeamsPostsAndSendsDirectMessagesWhereTeamsToldTheOtherReplica()
    {
        // Bob speaks in the ops channel, served from EMEA, to replica A; then someone elsewhere, served from the
        // global address, so "the serviceUrl heard last" is not EMEA's and only the stored references lead there.
        var fromEmea = _a.Activity("conversationUpdate", Bob, FakeTeams.OpsChannel, "channel");
        fromEmea["serviceUrl"] = Emea;
        Assert.Equal(HttpStatusCode.OK, (await _a.PostAsync(fromEmea, _a.Signer.Token(Emea))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _a.PostAsync(_a.Activity("conversationUpdate", Alice, FakeTeams.Stakeholders, "channel"))).StatusCode);

        var platform = _b.Factory.Services.GetRequiredService<TeamsChatPlatform>();
        await platform.PostAsync(TeamsChatPlatform.Conversation(FakeTeams.OpsChannel), new ChatMessage("INC-7 needs eyes"), CancellationToken.None);
        await platform.SendDirectMessageAsync(Bob.Id, new ChatMessage("INC-7 has a status update"), CancellationToken.None);

        var posted = Assert.Single(_a.Teams.Calls($"/emea/v3/conversations/{FakeTeams.OpsChannel}/activities"));
        Assert.Contains("INC-7 needs eyes", posted.Body.GetRawText(), StringComparison.Ordinal);
        var opened = Assert.Single(_a.Teams.Calls("/emea/v3/conversations"), c => c.Path == "/emea/v3/conversations");
        Assert.Equal(Bob.Id, opened.Body.GetProperty("members")[0].GetProperty("id").GetString());
        Assert.Equal(FakeTeams.TenantId, opened.Body.GetProperty("channelData").GetProperty("tenant").GetProperty("id").GetString());
        var direct = Assert.Single(_a.Teams.Calls($"/emea/v3/conversations/{EmeaChat}/activities"));
        Assert.Contains("INC-7 has a status update", direct.Body.GetRawText(), StringComparison.Ordinal);
        Assert.Empty(_a.Teams.Calls($"/connector/v3/conversations/{FakeTeams.OpsChannel}"));
    }

    [Fact]
    public async Task APersonFirstHeardOnOneReplicaIsAddedToAPrivateIncidentChatByTheOther()
    {
        Assert.Equal(HttpStatusCode.OK, (await _a.PostAsync(_a.Activity("conversationUpdate", Bob, FakeTeams.OpsChannel, "channel"))).StatusCode);

        var platform = _b.Factory.Services.GetRequiredService<TeamsChatPlatform>();
        await platform.InviteAsync(TeamsChatPlatform.Conversation(FakeTeams.GroupChat), [Bob.Id], CancellationToken.None);

        var added = Assert.Single(_a.Teams.Calls($"/graph/v1.0/chats/{FakeTeams.GroupChat}/members"));
        Assert.Equal($"{_a.Teams.Url}/graph/v1.0/users('{Bob.Aad}')", added.Body.GetProperty("user@odata.bind").GetString());
    }

    public void Dispose()
    {
        _b.Dispose();
        _a.Dispose();
    }
}
