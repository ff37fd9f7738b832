using System.Text;
using System.Text.Json.Nodes;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Messages;

namespace ChatOpsBot.Teams;

/// <summary>
/// Renders the neutral <see cref="ChatMessage"/> as Adaptive Card 1.5 message activities (Microsoft's Adaptive Cards schema and the Teams bot docs).
/// Buttons are Action.Execute (verb <see cref="CommandVerb"/>, the command in its data) with an Action.Submit
/// fallback; a command that needs words from the person opens an inline form first. A message too large for one
/// activity (Teams refuses about 100 KB) is split over several, each kept under <see cref="MaxActivityChars"/>.
/// </summary>
public static class AdaptiveCards
{
    public const string CommandVerb = "incident.command";
    public const string DeclareVerb = "incident.declare";
    public const string Schema = "http://adaptivecards.io/schemas/adaptive-card.json";

    /// <summary>Characters of text per activity: UTF-8 of up to 3 bytes each plus JSON stays under 80 KB.</summary>
    public const int MaxActivityChars = 24_000;

    /// <summary><paramref name="room"/> is where the message goes: in a channel, "here" becomes a mention of the channel.</summary>
    public static IReadOnlyList<JsonObject> Render(ChatMessage message, ConversationRef? room = null)
    {
        // The whole text is rendered first (tokens to mentions, plain runs inert), then split; each part carries the
        // entities of the mentions in it, so a mention is never split from its entity.
        var textEntities = new List<JsonObject>();
        var chunks = Split(Markdown(message.Text, textEntities, room: room), MaxActivityChars);
        var activities = new List<JsonObject>(chunks.Count);
        for (var i = 0; i < chunks.Count; i++)
        {
            var entities = new List<JsonObject>();
            var body = new JsonArray();
            if (i == 0 && message.Title is { } title)
            {
                body.Add(TextBlock(Markdown(title, entities, 400, room), weight: "Bolder", size: "Medium"));
            }

            foreach (var e in textEntities.Where(e => chunks[i].Contains(e["text"]!.GetValue<string>(), StringComparison.Ordinal)))
            {
                AddEntity(entities, e);
            }

            body.Add(TextBlock(chunks[i]));
            var card = new JsonObject
            {
                ["$schema"] = Schema,
                ["type"] = "AdaptiveCard",
                ["version"] = "1.5",
                ["body"] = body,
            };

            if (i == chunks.Count - 1)
            {
                AddTail(message, entities, body, card, room);
            }

            card["msteams"] = new JsonObject
            {
                ["width"] = "Full",
                ["entities"] = new JsonArray([.. entities.Select(e => (JsonNode)e.DeepClone())]),
            };
            activities.Add(Activity(NotificationText(message, i, chunks.Count), card, entities));
        }

        return activities;
    }

    /// <summary>
    /// A <see cref="ChatText"/> as TextBlock markdown: a mention of a Teams user (29:…) becomes &lt;at&gt;Name&lt;/at&gt;
    /// with its entity added to <paramref name="entities"/>; anyone else is their name; "here" is a mention of the
    /// channel when <paramref name="room"/> is one (<see cref="TeamsMentions.Channel"/>), and the words "@here"
    /// elsewhere, since a bot cannot mention everyone in a group chat or a 1:1 chat; code is inline code. Every plain
    /// run goes through <see cref="TeamsText.Inert"/>, so "@Name" or "&lt;at&gt;" a person typed is only text.
    /// <paramref name="max"/> cuts the plain text before rendering.
    /// </summary>
    public static string Markdown(string text, ICollection<JsonObject> entities, int? max = null, ConversationRef? room = null) =>
        ChatText.Render(max is { } m ? CutText(text, m) : text, TeamsText.Inert, part => part.Kind switch
        {
            TextPartKind.Person when part.Id is { } id && TeamsChatPlatform.IsUserId(id) => Mention(id, part.Text, entities),
            TextPartKind.Broadcast when room is not null && TeamsMentions.IsChannel(room.Id) => Add(TeamsMentions.Channel(room), entities),
            TextPartKind.Person or TextPartKind.Broadcast => TeamsText.Inert($"@{part.Text}"),
            TextPartKind.Code => $"`{part.Text.Replace("`", "'", StringComparison.Ordinal).Replace("<", "<\u200B", StringComparison.Ordinal)}`",
            _ => TeamsText.Inert(part.Text),
        });

    private static string Add(TeamsMention mention, ICollection<JsonObject> entities)
    {
        AddEntity(entities, mention.Entity);
        return mention.Text;
    }

    private static string Mention(string id, string name, ICollection<JsonObject> entities)
    {
        var mention = TeamsMentions.Create(id, name);
        AddEntity(entities, mention.Entity);
        return mention.Text;
    }

    private static void AddEntity(ICollection<JsonObject> entities, JsonObject entity)
    {
        if (!entities.Any(e => e["text"]?.GetValue<string>() == entity["text"]?.GetValue<string>()))
        {
            entities.Add((JsonObject)entity.DeepClone());
        }
    }

    /// <summary>Cuts a token-bearing text by its plain length, never through a token.</summary>
    private static string CutText(string text, int max) => ChatText.Plain(text).Length <= max ? text : TeamsText.Cut(ChatText.Plain(text), max);

    /// <summary>A message activity carrying one card; the entities also go on the activity for the notification text.</summary>
    public static JsonObject Activity(string text, JsonObject card, IReadOnlyList<JsonObject>? entities = null) => new()
    {
        ["type"] = "message",
        ["text"] = text,
        ["attachments"] = new JsonArray(new JsonObject { ["contentType"] = TeamsJson.AdaptiveCard, ["content"] = card }),
        ["entities"] = new JsonArray([.. (entities ?? []).Select(e => (JsonNode)e.DeepClone())]),
    };

    public static JsonObject TextBlock(string text, string? weight = null, string? size = null, bool subtle = false)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true };
        if (weight is not null)
        {
            block["weight"] = weight;
        }

        if (size is not null)
        {
            block["size"] = size;
        }

        if (subtle)
        {
            block["isSubtle"] = true;
        }

        return block;
    }

    /// <summary>An Action.Execute that runs <paramref name="data"/>'s command, with the Action.Submit old clients use.</summary>
    public static JsonObject Execute(string title, string verb, JsonObject data, bool primary = false)
    {
        var action = new JsonObject
        {
            ["type"] = "Action.Execute",
            ["title"] = title,
            ["verb"] = verb,
            ["data"] = data.DeepClone(),
        };
        var submitData = (JsonObject)data.DeepClone();
        submitData["verb"] = verb;
        action["fallback"] = new JsonObject { ["type"] = "Action.Submit", ["title"] = title, ["data"] = submitData };
        if (primary)
        {
            action["style"] = "positive";
        }

        return action;
    }

    private static void AddTail(ChatMessage message, List<JsonObject> entities, JsonArray body, JsonObject card, ConversationRef? room)
    {
        if (message.Fields.Count > 0)
        {
            var facts = new JsonArray();
            foreach (var f in message.Fields.Take(20))
            {
                facts.Add(new JsonObject
                {
                    ["title"] = Markdown(f.Label, entities, 100, room),
                    ["value"] = Markdown(f.Value, entities, 2000, room),
                });
            }

            body.Add(new JsonObject { ["type"] = "FactSet", ["facts"] = facts });
        }

        if (message.Context is { } context)
        {
            body.Add(TextBlock(Markdown(context, entities, 2000, room), subtle: true));
        }

        var actions = new JsonArray();
        foreach (var link in message.Links.Where(l => Uri.TryCreate(l.Url, UriKind.Absolute, out var u) && u.Scheme is "https" or "http").Take(5))
        {
            actions.Add(new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = TeamsText.Cut(ChatText.Plain(link.Label), 50), ["url"] = link.Url });
        }

        foreach (var a in message.Actions.Take(6))
        {
            actions.Add(CommandAction(a));
        }

        if (actions.Count > 0)
        {
            card["actions"] = actions;
        }
    }

    /// <summary>
    /// A command ending in a space needs words from the person (a severity, an update, a summary): an inline form
    /// (Action.ShowCard) asks for them and its button sends command + words. The others run at once.
    /// </summary>
    private static JsonObject CommandAction(MessageAction a)
    {
        var data = new JsonObject { ["command"] = a.Command, ["actionId"] = a.Id };
        if (!a.Command.EndsWith(' '))
        {
            return Execute(TeamsText.Cut(a.Label, 50), CommandVerb, data, a.IsPrimary);
        }

        var input = a.Id == "change-severity"
            ? new JsonObject
            {
                ["type"] = "Input.ChoiceSet", ["id"] = "argument", ["label"] = "New severity", ["style"] = "compact", ["value"] = "sev2", ["isRequired"] = true,
                ["choices"] = new JsonArray([.. new[] { "sev1", "sev2", "sev3", "sev4" }.Select(s => (JsonNode)new JsonObject { ["title"] = s.ToUpperInvariant(), ["value"] = s })]),
            }
            : new JsonObject
            {
                ["type"] = "Input.Text", ["id"] = "argument", ["label"] = a.Id switch { "post-update" => "Status update", "resolve" => "Resolution summary", _ => a.Label },
                ["isMultiline"] = true, ["maxLength"] = 3000, ["isRequired"] = a.Id == "post-update",
                ["errorMessage"] = "Write the update first",
            };
        return new JsonObject
        {
            ["type"] = "Action.ShowCard",
            ["title"] = TeamsText.Cut(a.Label, 50),
            ["card"] = new JsonObject
            {
                ["type"] = "AdaptiveCard",
                ["version"] = "1.5",
                ["body"] = new JsonArray(input),
                ["actions"] = new JsonArray(Execute(TeamsText.Cut(a.Label, 50), CommandVerb, data, primary: true)),
            },
        };
    }

    private static string NotificationText(ChatMessage message, int part, int parts)
    {
        // The notification text is shown as typed, but an "<at>" in it would still meet the activity's entities.
        var text = TeamsText.Cut(ChatText.Plain(message.Text).Split('\n')[0], 200).Replace("<", "<\u200B", StringComparison.Ordinal);
        return parts == 1 ? text : $"{text} ({part + 1}/{parts})";
    }

    /// <summary>Splits at line breaks where it can, so each part stays under <paramref name="max"/> characters.</summary>
    public static IReadOnlyList<string> Split(string text, int max)
    {
        if (text.Length <= max)
        {
            return [text];
        }

        var parts = new List<string>();
        var rest = text.AsSpan();
        while (rest.Length > max)
        {
            var cut = rest[..max].LastIndexOf('\n');
            if (cut < max / 2)
            {
                cut = max;
                // Never split a surrogate pair or an escape ("\*") in two.
                if (char.IsHighSurrogate(rest[cut - 1]) || rest[cut - 1] == '\\')
                {
                    cut--;
                }
            }

            parts.Add(rest[..cut].ToString());
            rest = rest[cut..].TrimStart('\n');
        }

        if (rest.Length > 0)
        {
            parts.Add(rest.ToString());
        }

        return parts;
    }

    /// <summary>Plain text of a received message: Teams sends HTML in channels ("&lt;p&gt;…&lt;/p&gt;").</summary>
    public static string PlainText(string? html)
    {
        if (string.IsNullOrEmpty(html))
        {
            return "";
        }

        var sb = new StringBuilder(html.Length);
        var inTag = false;
        foreach (var c in html)
        {
            if (c == '<')
            {
                inTag = true;
            }
            else if (c == '>' && inTag)
            {
                inTag = false;
            }
            else if (!inTag)
            {
                sb.Append(c);
            }
        }

        return System.Net.WebUtility.HtmlDecode(sb.ToString()).Trim();
    }
}
