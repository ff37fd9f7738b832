using ChatOpsBot.Core.Messages;
using ChatOpsBot.Teams;
using ChatOpsBot.Tests.Teams.Support;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace ChatOpsBot.Tests.Chat;

/// <summary>
/// After a crash lost Graph's answer to the channel create, the Teams adapter finds the channel that create opened:
/// GET /teams/{id}/channels filtered on the exact display name, adopted only if its description names the incident.
/// WireMock plays Graph.
/// </summary>
public sealed class TeamsChannelLookupTests : IDisposable
{
    private const string Name = "inc-7-checkout-down";

    private readonly TeamsBot _bot = new();

    private TeamsChatPlatform Platform => _bot.Factory.Services.GetRequiredService<TeamsChatPlatform>();

    [Theory]
    [InlineData("Incident channel inc-7-checkout-down, opened by ChatOpsBot")] // as the create left it
    [InlineData("SEV2 · Investigating · IC: Alice Adams — INC-7")]             // a status line naming the key
    public async Task AChannelOfThatNameWhoseDescriptionNamesTheIncidentIsFound(string description)
    {
        Channels($$"""{"id":"19:inc7@thread.tacv2","displayName":"{{Name}}","description":"{{description}}"}""");

        var found = await Platform.FindIncidentChannelAsync(Name, 7, CancellationToken.None);

        Assert.Equal(TeamsChatPlatform.Conversation("19:inc7@thread.tacv2", Name), found);
        var lookup = Assert.Single(_bot.Teams.Entries($"/graph/v1.0/teams/{FakeTeams.TeamId}/channels"), e => e.RequestMessage.Method == "GET").RequestMessage;
        Assert.EndsWith($"?$filter=displayName eq '{Name}'", Uri.UnescapeDataString(lookup.Url), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Incident channel inc-71-checkout-down, opened by ChatOpsBot")]
    [InlineData("The checkout team's channel")]
    [InlineData("")]
    public async Task AChannelOfThatNameThatDoesNotNameTheIncidentIsNotAdopted(string description)
    {
        Channels($$"""{"id":"19:taken@thread.tacv2","displayName":"{{Name}}","description":"{{description}}"}""");

        Assert.Null(await Platform.FindIncidentChannelAsync(Name, 7, CancellationToken.None));
    }

    [Fact]
    public async Task NoMatchingChannelIsNothingFound()
    {
        Channels("");

        Assert.Null(await Platform.FindIncidentChannelAsync(Name, 7, CancellationToken.None));
    }

    [Fact]
    public async Task ANameLongerThanTeamsAllowsIsLookedUpAsTheCreateCutIt()
    {
        var longName = "inc-7-" + new string('x', 40) + "-tail-of-the-title";
        var cut = longName[..TeamsChatPlatform.MaxChannelName].TrimEnd('-');
        Channels($$"""{"id":"19:long@thread.tacv2","displayName":"{{cut}}","description":"Incident channel {{cut}}, opened by ChatOpsBot"}""");

        var found = await Platform.FindIncidentChannelAsync(longName, 7, CancellationToken.None);

        Assert.Equal("19:long@thread.tacv2", found?.Id);
    }

    [Fact]
    public async Task GraphThrottlingIsTheNeutralRetryLaterFailure()
    {
        _bot.Teams.Server.Given(Request.Create().WithPath($"/graph/v1.0/teams/{FakeTeams.TeamId}/channels").UsingGet()).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(503).WithHeader("Retry-After", "1"));

        await Assert.ThrowsAsync<ChatUnavailableException>(() => Platform.FindIncidentChannelAsync(Name, 7, CancellationToken.None));
    }

    public void Dispose() => _bot.Dispose();

    private void Channels(string channels) =>
        _bot.Teams.Server.Given(Request.Create().WithPath($"/graph/v1.0/teams/{FakeTeams.TeamId}/channels").UsingGet()).AtPriority(1)
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody($$"""{"value":[{{channels}}]}"""));
}
