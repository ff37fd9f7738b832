using System.Text.Json;
using ChatOpsBot.Core.Messages;
using ChatOpsBot.Teams;
using ChatOpsBot.Tests.Teams.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsBot.Tests.Teams;

/// <summary>
/// "@here" (the neutral <see cref="ChatText.Here"/>) as the Bot Connector receives it: a mention of the channel, with
/// its entity in the card and on the activity, where the room is a channel; the plain words in a group chat.
/// </summary>
public sealed class TeamsHereMentionTests : IDisposable
{
    private readonly TeamsBot _bot = new();

    private TeamsChatPlatform Platform => _bot.Factory.Services.GetRequiredService<TeamsChatPlatform>();

    [Fact]
    public async Task HereInAnIncidentChannelMentionsTheChannelByNameSoItsMembersAreNotified()
    {
        await Platform.PostAsync(TeamsChatPlatform.Conversation(FakeTeams.IncidentChannel, "inc-1-checkout-failing"),
            new ChatMessage($"⏰ {ChatText.Here}, INC-1 has no commander."), CancellationToken.None);

        var sent = Assert.Single(_bot.Teams.SentTo(FakeTeams.IncidentChannel));
        var card = sent.GetProperty("attachments")[0].GetProperty("content");
        Assert.Equal("⏰ <at>inc-1-checkout-failing</at>, INC-1 has no commander.", card.GetProperty("body")[0].GetProperty("text").GetString());
        foreach (var entities in new[] { card.GetProperty("msteams").GetProperty("entities"), sent.GetProperty("entities") })
        {
            var mention = Assert.Single(entities.EnumerateArray());
            Assert.Equal("mention", mention.GetProperty("type").GetString());
            Assert.Equal("<at>inc-1-checkout-failing</at>", mention.GetProperty("text").GetString());
            Assert.Equal(FakeTeams.IncidentChannel, mention.GetProperty("mentioned").GetProperty("id").GetString());
            Assert.Equal("inc-1-checkout-failing", mention.GetProperty("mentioned").GetProperty("name").GetString());
            Assert.Equal("channel", mention.GetProperty("mentioned").GetProperty("conversationIdentityType").GetString());
        }
    }

    [Fact]
    public async Task HereInAnIncidentThreadMentionsTheChannelTheThreadIsIn()
    {
        await Platform.PostAsync(TeamsChatPlatform.Conversation(FakeTeams.IncidentThread, "inc-2-search"),
            new ChatMessage($"{ChatText.Here} INC-2 needs a scribe"), CancellationToken.None);

        var sent = Assert.Single(_bot.Teams.SentTo(FakeTeams.IncidentThread));
        var mention = Assert.Single(sent.GetProperty("entities").EnumerateArray());
        Assert.Equal(FakeTeams.IncidentsChannel, mention.GetProperty("mentioned").GetProperty("id").GetString());
    }

    [Fact]
    public async Task HereInAPrivateIncidentsGroupChatStaysTheWordsWithNoMention()
    {
        await Platform.PostAsync(TeamsChatPlatform.Conversation(FakeTeams.GroupChat, "inc-3-payroll"),
            new ChatMessage($"⏰ {ChatText.Here}, INC-3 has no commander."), CancellationToken.None);

        var sent = Assert.Single(_bot.Teams.SentTo(FakeTeams.GroupChat));
        var card = sent.GetProperty("attachments")[0].GetProperty("content");
        Assert.Equal("⏰ @here, INC-3 has no commander.", card.GetProperty("body")[0].GetProperty("text").GetString());
        Assert.Empty(card.GetProperty("msteams").GetProperty("entities").EnumerateArray());
        Assert.Empty(sent.GetProperty("entities").EnumerateArray());
        Assert.DoesNotContain("<at>", sent.GetRawText(), StringComparison.Ordinal);
    }

    public void Dispose() => _bot.Dispose();
}
