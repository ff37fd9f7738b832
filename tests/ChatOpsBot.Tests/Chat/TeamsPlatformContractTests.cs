using System.Text.Json;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Messages;
using ChatOpsBot.Teams;
using ChatOpsBot.Tests.Teams.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsBot.Tests.Chat;

/// <summary>
/// The Teams adapter against WireMock playing Graph and the Bot Connector, read back from the Adaptive Cards the
/// connector received (the text blocks, facts, Action.Execute ids and Action.OpenUrl links).
/// </summary>
public class TeamsPlatformContractTests : ChatPlatformContract, IDisposable
{
    private readonly TeamsBot _bot;

    public TeamsPlatformContractTests()
        : this(null)
    {
    }

    protected TeamsPlatformContractTests(IReadOnlyDictionary<string, string?>? settings) => _bot = new TeamsBot(settings);

    protected TeamsBot Bot => _bot;

    protected override Actor User { get; } = new(TeamsBot.Alice.Id, TeamsBot.Alice.Name);

    protected override string RenderedMentionOfUser => $"<at>{TeamsBot.Alice.Name}</at>";

    protected override bool OpenRoomsNeedNoInvites => true;

    protected override Task<IChatPlatform> StartAsync() =>
        Task.FromResult<IChatPlatform>(Bot.Factory.Services.GetRequiredService<TeamsChatPlatform>());

    protected override Task<ShownMessage> ShownAsync(ConversationRef channel, string messageId)
    {
        var prefix = $"/connector/v3/conversations/{channel.Id}/activities";
        var last = Bot.Teams.Entries(prefix)
            .Where(e => e.RequestMessage.Method == "PUT"
                ? Uri.UnescapeDataString(e.RequestMessage.Path).EndsWith("/" + messageId, StringComparison.Ordinal)
                : e.ResponseMessage.BodyData?.BodyAsString?.Contains($"\"{messageId}\"", StringComparison.Ordinal) == true)
            .Select(e => JsonDocument.Parse(e.RequestMessage.Body!).RootElement.Clone()).Last();
        var card = last.GetProperty("attachments")[0].GetProperty("content");
        var texts = new List<string>();
        foreach (var block in card.GetProperty("body").EnumerateArray())
        {
            if (block.TryGetProperty("text", out var text))
            {
                texts.Add(text.GetString()!);
            }

            if (block.TryGetProperty("facts", out var facts))
            {
                texts.AddRange(facts.EnumerateArray().Select(f => $"{f.GetProperty("title").GetString()}: {f.GetProperty("value").GetString()}"));
            }
        }

        var buttons = new List<string>();
        var links = new List<string>();
        foreach (var action in card.TryGetProperty("actions", out var actions) ? actions.EnumerateArray() : Enumerable.Empty<JsonElement>())
        {
            switch (action.GetProperty("type").GetString())
            {
                case "Action.OpenUrl":
                    links.Add(action.GetProperty("url").GetString()!);
                    break;
                case "Action.Execute":
                    buttons.Add(action.GetProperty("data").GetProperty("actionId").GetString()!);
                    break;
                case "Action.ShowCard":
                    buttons.Add(action.GetProperty("card").GetProperty("actions")[0].GetProperty("data").GetProperty("actionId").GetString()!);
                    break;
            }
        }

        return Task.FromResult(new ShownMessage(string.Join('\n', texts), buttons, links));
    }

    /// <summary>Standard channels have no members of their own (the team's are); group chats get theirs through Graph.</summary>
    protected override Task<IReadOnlyCollection<string>> MembersAsync(ConversationRef channel) => throw new NotSupportedException("Teams standard channels are open to the team.");

    protected override Task<string?> TopicAsync(ConversationRef channel) =>
        Task.FromResult(Bot.Teams.Calls($"/graph/v1.0/teams/{FakeTeams.TeamId}/channels/{channel.Id}").LastOrDefault(c => c.Method == "PATCH") is { Body.ValueKind: JsonValueKind.Object } call
            ? call.Body.GetProperty("description").GetString() : null);

    protected override Task<bool> IsPinnedAsync(ConversationRef channel, string messageId) => throw new NotSupportedException("Teams declares no pins.");

    /// <summary>The 1:1 chat the Bot Connector opened with <paramref name="user"/> alone, and the cards sent there.</summary>
    protected override Task<IReadOnlyList<string>> DirectMessagesAsync(string user)
    {
        var opened = Bot.Teams.Calls("/connector/v3/conversations").Any(c => c.Path == "/connector/v3/conversations"
            && c.Body.GetProperty("isGroup").GetBoolean() == false
            && c.Body.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("id").GetString()).SequenceEqual([user]));
        return Task.FromResult<IReadOnlyList<string>>(opened ? [.. Bot.Teams.SentTo(FakeTeams.DirectChat).Select(a => a.GetProperty("text").GetString()!)] : []);
    }

    /// <summary>
    /// In a TextBlock Teams renders a markdown subset and &lt;at&gt; mentions: no tag may open (a zero-width space follows
    /// every '&lt;'), no marker may pair up, and no mention entity is sent for user text.
    /// </summary>
    protected override void AssertInert(string shownText)
    {
        foreach (var live in new[] { "<!", "<https", "<b>", "<script>", "<at>", "*star*", "_under_", "`tick`" })
        {
            Assert.DoesNotContain(live, shownText, StringComparison.Ordinal);
        }

        Assert.Contains("\\*star\\*", shownText, StringComparison.Ordinal);
        Assert.Contains("<\u200B!channel>", shownText, StringComparison.Ordinal);
        var sent = Bot.Teams.SentTo(FakeTeams.IncidentChannel)[^1];
        Assert.Empty(sent.GetProperty("entities").EnumerateArray());
        Assert.DoesNotContain("<at>", sent.GetProperty("text").GetString()!, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Bot.Dispose();
        }
    }
}

/// <summary>
/// The same suite with Teams:ChannelMembershipType private: incident channels are private channels, so inviting
/// adds the person through Graph (POST /teams/{id}/channels/{channelId}/members), read back from what Graph received.
/// </summary>
public sealed class TeamsPrivateChannelPlatformContractTests : TeamsPlatformContractTests
{
    public TeamsPrivateChannelPlatformContractTests()
        : base(new Dictionary<string, string?> { ["Teams:ChannelMembershipType"] = "private" })
    {
    }

    protected override bool OpenRoomsNeedNoInvites => false;

    /// <summary>Graph wants a person's Entra id, which the bot learns from their first activity: the user says hello first.</summary>
    protected override async Task<IChatPlatform> StartAsync()
    {
        using var hello = await Bot.PostAsync(Bot.Activity("conversationUpdate", TeamsBot.Alice, FakeTeams.OpsChannel, "channel"));
        hello.EnsureSuccessStatusCode();
        return await base.StartAsync();
    }

    protected override Task<IReadOnlyCollection<string>> MembersAsync(ConversationRef channel)
    {
        var people = new Dictionary<string, string>(StringComparer.Ordinal) { [TeamsBot.Alice.Aad] = TeamsBot.Alice.Id, [TeamsBot.Bob.Aad] = TeamsBot.Bob.Id };
        return Task.FromResult<IReadOnlyCollection<string>>([.. Bot.Teams.Calls($"/graph/v1.0/teams/{FakeTeams.TeamId}/channels/{channel.Id}/members")
            .Where(c => c.Method == "POST")
            .Select(c => c.Body.GetProperty("user@odata.bind").GetString()!)
            .Select(bind => people.First(p => bind.EndsWith($"users('{p.Key}')", StringComparison.Ordinal)).Value)]);
    }
}
