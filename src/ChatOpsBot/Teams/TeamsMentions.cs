using System.Text.Json.Nodes;
using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Teams;

/// <summary>One mention: the &lt;at&gt; text that goes in the card and the entity that makes Teams notify the person.</summary>
public sealed record TeamsMention(string Text, JsonObject Entity);

/// <summary>
/// Teams mentions: "&lt;at&gt;Name&lt;/at&gt;" in the text plus an entity naming the user id, both in the card's msteams
/// section. Only the bot creates them, from an actor id and name; text a person wrote is made inert by
/// <see cref="TeamsText"/> first, so it cannot produce one.
/// </summary>
public static class TeamsMentions
{
    public static TeamsMention Create(string actorId, string name)
    {
        var text = $"<at>{TeamsText.Inert(name)}</at>";
        return new TeamsMention(text, new JsonObject
        {
            ["type"] = "mention",
            ["text"] = text,
            ["mentioned"] = new JsonObject { ["id"] = actorId, ["name"] = name },
        });
    }

    public static TeamsMention Create(Actor actor) => Create(actor.Id, actor.DisplayName);

    /// <summary>
    /// A mention of a whole channel, which notifies its members the way "@here" does on Slack: the entity names the
    /// channel's conversation id with conversationIdentityType "channel" (a thread's channel is its id before
    /// ";messageid="). Teams shows the &lt;at&gt; text, so it carries the channel's name when the bot knows it.
    /// </summary>
    public static TeamsMention Channel(ConversationRef channel)
    {
        var id = TeamsConversation.Bare(channel.Id);
        var name = string.IsNullOrWhiteSpace(channel.Name) ? "channel" : channel.Name;
        var text = $"<at>{TeamsText.Inert(name)}</at>";
        return new TeamsMention(text, new JsonObject
        {
            ["type"] = "mention",
            ["text"] = text,
            ["mentioned"] = new JsonObject { ["id"] = id, ["name"] = name, ["conversationIdentityType"] = "channel" },
        });
    }

    /// <summary>Team channels are 19:…@thread.tacv2 (older ones @thread.skype); group chats (@thread.v2) and 1:1 chats are not.</summary>
    public static bool IsChannel(string conversationId)
    {
        var id = TeamsConversation.Bare(conversationId);
        return id.StartsWith("19:", StringComparison.Ordinal)
            && (id.EndsWith("@thread.tacv2", StringComparison.OrdinalIgnoreCase) || id.EndsWith("@thread.skype", StringComparison.OrdinalIgnoreCase));
    }
}
