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
}
