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
    /// Today's neutral messages mention people as "@Name" in their text. In already-inert text, each
    /// "@Name" of an actor in <paramref name="people"/> (Teams users, ids 29:…) becomes a real mention; others stay text.
    /// </summary>
    public static string Apply(string inertText, IEnumerable<Actor> people, ICollection<JsonObject> entities)
    {
        foreach (var person in people.Where(p => p.Id.StartsWith("29:", StringComparison.Ordinal)).DistinctBy(p => p.Id)
                     .OrderByDescending(p => p.DisplayName.Length))
        {
            var plain = "@" + TeamsText.Inert(person.DisplayName);
            if (!inertText.Contains(plain, StringComparison.Ordinal))
            {
                continue;
            }

            var mention = Create(person);
            inertText = inertText.Replace(plain, mention.Text, StringComparison.Ordinal);
            if (!entities.Any(e => e["text"]?.GetValue<string>() == mention.Text))
            {
                entities.Add(mention.Entity);
            }
        }

        return inertText;
    }
}
