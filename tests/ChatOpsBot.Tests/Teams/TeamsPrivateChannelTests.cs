using ChatOpsBot.Tests.Support;
using ChatOpsBot.Tests.Teams.Support;
using static ChatOpsBot.Tests.Teams.Support.TeamsBot;

namespace ChatOpsBot.Tests.Teams;

/// <summary>
/// Teams:ChannelMembershipType private, end to end against WireMock's Graph: the incident channel is created private
/// with the declarer as its owner, and a responder who joins later is added as a member of that channel.
/// </summary>
public sealed class TeamsPrivateChannelTests : IDisposable
{
    private readonly TeamsBot _bot = new(new Dictionary<string, string?> { ["Teams:ChannelMembershipType"] = "private" });

    [Fact]
    public async Task TheIncidentChannelIsPrivateOwnedByTheDeclarerAndANewCommanderIsAddedAsAMember()
    {
        await _bot.DeclareAndWaitAsync();

        var created = Assert.Single(_bot.Teams.Calls($"/graph/v1.0/teams/{FakeTeams.TeamId}/channels"),
            c => c.Method == "POST" && c.Path == $"/graph/v1.0/teams/{FakeTeams.TeamId}/channels");
        Assert.Equal("private", created.Body.GetProperty("membershipType").GetString());
        var owner = Assert.Single(created.Body.GetProperty("members").EnumerateArray());
        Assert.Equal("#microsoft.graph.aadUserConversationMember", owner.GetProperty("@odata.type").GetString());
        Assert.Equal($"{_bot.Teams.Url}/graph/v1.0/users('{Alice.Aad}')", owner.GetProperty("user@odata.bind").GetString());
        Assert.Equal("owner", Assert.Single(owner.GetProperty("roles").EnumerateArray()).GetString());

        // Bob is heard from (so his Entra id is known), then made commander from the incident channel.
        (await _bot.PostAsync(_bot.Activity("conversationUpdate", Bob, FakeTeams.OpsChannel, "channel"))).EnsureSuccessStatusCode();
        (await _bot.PostAsync(_bot.ChannelMessage($"incident INC-1 commander <at>{Bob.Name}</at>", conversation: FakeTeams.IncidentChannel, mentions: (Bob.Id, Bob.Name))))
            .EnsureSuccessStatusCode();

        var membersPath = $"/graph/v1.0/teams/{FakeTeams.TeamId}/channels/{FakeTeams.IncidentChannel}/members";
        var added = await Eventually.Get(() => Task.FromResult(_bot.Teams.Calls(membersPath).Where(c => c.Method == "POST").ToList()),
            calls => calls.Any(c => c.Body.GetProperty("user@odata.bind").GetString()!.Contains(Bob.Aad, StringComparison.Ordinal)), "Bob added to the private channel");
        var bob = added.Single(c => c.Body.GetProperty("user@odata.bind").GetString()!.Contains(Bob.Aad, StringComparison.Ordinal));
        Assert.Empty(bob.Body.GetProperty("roles").EnumerateArray());
        Assert.Empty(_bot.Teams.Calls("/graph/v1.0/chats"));
    }

    public void Dispose() => _bot.Dispose();
}
