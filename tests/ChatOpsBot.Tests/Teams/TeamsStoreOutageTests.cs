using System.Net;
using ChatOpsBot.Core.Messages;
using ChatOpsBot.Teams;
using ChatOpsBot.Tests.Reliability.Support;
using ChatOpsBot.Tests.Support;
using ChatOpsBot.Tests.Teams.Support;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using static ChatOpsBot.Tests.Teams.Support.TeamsBot;

namespace ChatOpsBot.Tests.Teams;

/// <summary>
/// Redis stopped while Teams talks to the bot: the activity is still acknowledged (never a 5xx), and this replica
/// still posts where the activity said the conversation lives, from what it kept in memory.
/// </summary>
public sealed class TeamsStoreOutageTests : IAsyncLifetime, IDisposable
{
    private OwnRedisServer? _redis;
    private TeamsBot? _bot;

    public async Task InitializeAsync()
    {
        _redis = await OwnRedisServer.StartAsync();
        _bot = new TeamsBot(BotFactory.Redis(_redis.ConnectionString, RedisServerFixture.NewKeyPrefix()));
        _ = _bot.Http;
        _bot.Teams.Server.Given(Request.Create().WithPath("/emea/v3/conversations/*").UsingPost()).RespondWith(Response.Create()
            .WithStatusCode(201).WithHeader("Content-Type", "application/json").WithBody("""{"id":"1767225699998"}"""));
    }

    [Fact]
    public async Task AnActivityDuringAStoreOutageIsAcknowledgedAndItsConversationReferenceIsStillUsedHere()
    {
        var bot = _bot!;
        await _redis!.StopAsync();
        var emea = bot.Teams.Url + "/emea/";
        var activity = bot.Activity("conversationUpdate", Bob, FakeTeams.OpsChannel, "channel");
        activity["serviceUrl"] = emea;

        using var response = await bot.PostAsync(activity, bot.Signer.Token(emea));
        await bot.Factory.Services.GetRequiredService<TeamsChatPlatform>()
            .PostAsync(TeamsChatPlatform.Conversation(FakeTeams.OpsChannel), new ChatMessage("INC-9 needs eyes"), CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(bot.Teams.Calls($"/emea/v3/conversations/{FakeTeams.OpsChannel}/activities"));
    }

    public void Dispose()
    {
        _bot?.Dispose();
        _bot = null;
    }

    public async Task DisposeAsync()
    {
        Dispose();
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }
}
