using System.Net;
using ChatOpsBot.Teams;
using ChatOpsBot.Tests.Slack.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ChatOpsBot.Tests.Support;
using ChatOpsBot.Tests.Teams.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace ChatOpsBot.Tests.Teams;

/// <summary>Teams settings checked at start, Slack beside Teams in one host, and the Bot Connector's rate limits.</summary>
public sealed class TeamsHostingTests
{
    [Theory]
    [InlineData("Teams:AppId", "not-a-guid", "Teams:AppId must be the bot's Microsoft App ID")]
    [InlineData("Teams:StakeholderChannelId", "general", "Teams:StakeholderChannelId must be the id of the channel")]
    [InlineData("Teams:TeamId", "", "Teams:TeamId must be the id")]
    [InlineData("Teams:ChannelMode", "thread", "Teams:IncidentsChannelId must be a channel id")]
    [InlineData("Teams:TenantId", "contoso", "Teams:TenantId must be your Entra tenant id")]
    [InlineData("Teams:GraphBaseUrl", "graph.local", "Teams:GraphBaseUrl must be an absolute http(s) URL")]
    public async Task ABadTeamsSettingStopsTheHostWithAMessageNamingTheKey(string key, string value, string expected)
    {
        // Built without starting: a WebApplicationFactory whose host failed to start cannot be disposed cleanly.
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Teams:AppId"] = TeamsSigner.AppId,
            ["Teams:AppPassword"] = "test-client-secret-value",
            ["Teams:TenantId"] = FakeTeams.TenantId,
            ["Teams:TeamId"] = FakeTeams.TeamId,
            ["Teams:StakeholderChannelId"] = FakeTeams.Stakeholders,
            [key] = value,
        });
        builder.AddTeams();
        await using var app = builder.Build();

        var error = Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<IOptions<TeamsOptions>>().Value);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("test-client-secret-value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlackAndTeamsInOneHostEachKeepTheirIncidentsOnTheirOwnPlatform()
    {
        using var slack = new FakeSlack();
        using var bot = new TeamsBot(new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = SlackSigner.Secret,
            ["Slack:BotToken"] = "xoxb-test-token",
            ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl,
            ["Slack:StakeholderChannel"] = FakeSlack.Stakeholders,
        });

        await bot.DeclareAndWaitAsync("incident declare sev2 Checkout failing");
        var fromSlack = await bot.Http.SendAsync(SlackSigner.SignedRequest("/slack/commands", SlackSigner.Form(
            ("team_id", "T1"), ("channel_id", "C0OPS"), ("user_id", "U0ALICE"), ("user_name", "alice"), ("command", "/incident"),
            ("text", "declare sev3 Search slow"), ("response_url", slack.ResponseUrl), ("trigger_id", "t"))));
        Assert.Equal(HttpStatusCode.OK, fromSlack.StatusCode);

        var second = await Eventually.Get(() => bot.Incidents.Reader.GetAsync(2, default), i => i.Chat.KickoffMessageId is not null && i.Chat.IsAnnounced, "INC-2's channel steps");
        var first = await bot.Incidents.Reader.GetAsync(1, default);
        Assert.Equal("teams", first.Channel!.Platform);
        Assert.Equal("slack", second.Channel!.Platform);
        Assert.Single(slack.Calls("conversations.create"));
        Assert.Single(bot.Teams.Calls($"/graph/v1.0/teams/{FakeTeams.TeamId}/channels"), c => c.Method == "POST");
    }

    [Fact]
    public async Task A429FromTheBotConnectorIsRetriedAfterRetryAfterAndTheKickoffStillArrives()
    {
        using var bot = new TeamsBot();
        bot.Teams.Server.Given(Request.Create().WithPath("/connector/v3/conversations/*inc1channel*/activities").UsingPost())
            .AtPriority(1).InScenario("throttled").WillSetStateTo("answered")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "1")
                .WithBody("""{"error":{"code":"TooManyRequests","message":"Too many requests"}}"""));

        var incident = await bot.DeclareAndWaitAsync();

        var posts = bot.Teams.Entries($"/connector/v3/conversations/{FakeTeams.IncidentChannel}/activities");
        Assert.Equal(429, posts[0].ResponseMessage.StatusCode);
        Assert.True(posts[1].RequestMessage.DateTime - posts[0].RequestMessage.DateTime >= TimeSpan.FromSeconds(0.9));
        Assert.NotNull(incident.Chat.KickoffMessageId);
        // One token for all of it: cached, not fetched per call.
        Assert.Single(bot.Teams.Entries("/token"), e => e.RequestMessage.Body!.Contains("api.botframework.com", StringComparison.Ordinal));
    }
}
