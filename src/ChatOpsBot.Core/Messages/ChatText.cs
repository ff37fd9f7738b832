using System.Text;
using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Core.Messages;

/// <summary>
/// The text of a <see cref="ChatMessage"/>: plain text (whatever a person or an alert wrote, or the bot's own words)
/// with the bot's tokens in it. A token is a mention of a person by actor id, a broadcast ("here"), or a bit of
/// code (a command to type). Only tokens notify or format anything; everything else is rendered inert by each
/// platform's renderer (Slack <c>SlackText</c>, the console's HTML, Teams). Tokens are framed by private-use
/// characters, which <see cref="Inert"/> strips from text that came from outside, so nobody can forge one.
/// </summary>
public static class ChatText
{
    private const char Open = '\uE000';
    private const char Close = '\uE001';
    private const char Separator = '\uE002';

    /// <summary>Mentions <paramref name="actor"/>: a real mention where the platform knows the id, "@name" elsewhere.</summary>
    public static string Mention(Actor actor) => $"{Open}@{Clean(actor.Id)}{Separator}{Clean(actor.DisplayName)}{Close}";

    /// <summary>"@here": notifies whoever is active in the channel. The only broadcast the bot itself sends.</summary>
    public static string Here => $"{Open}!here{Close}";

    /// <summary>Text to show as code (a command to type): monospace where the platform has it, never a mention or a link.</summary>
    public static string Code(string text) => $"{Open}`{Clean(text)}{Close}";

    /// <summary>Text from outside (a person, an alert) with anything that could pass for a token removed.</summary>
    public static string Inert(string text) => text.IndexOfAny([Open, Close, Separator]) < 0 ? text : Clean(text);

    /// <summary>The text as a sequence of plain runs and tokens, for a renderer.</summary>
    public static IEnumerable<TextPart> Parse(string text)
    {
        var start = 0;
        while (start < text.Length)
        {
            var open = text.IndexOf(Open, start);
            var close = open < 0 ? -1 : text.IndexOf(Close, open + 1);
            if (open < 0 || close < 0)
            {
                yield return TextPart.Plain(Clean(text[start..]));
                yield break;
            }

            if (open > start)
            {
                yield return TextPart.Plain(text[start..open]);
            }

            var body = text[(open + 1)..close];
            if (body.Length > 0)
            {
                yield return body[0] switch
                {
                    '@' when body.IndexOf(Separator) is var sep and > 0 => TextPart.Person(body[1..sep], body[(sep + 1)..]),
                    '!' => TextPart.Broadcast(body[1..]),
                    '`' => TextPart.Code(body[1..]),
                    _ => TextPart.Plain(Clean(body)),
                };
            }

            start = close + 1;
        }
    }

    /// <summary>Renders every token with <paramref name="render"/> and every plain run with <paramref name="plain"/>.</summary>
    public static string Render(string text, Func<string, string> plain, Func<TextPart, string> render)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var part in Parse(text))
        {
            sb.Append(part.Kind == TextPartKind.Plain ? plain(part.Text) : render(part));
        }

        return sb.ToString();
    }

    /// <summary>The text as a person reads it with no formatting: "@alice", "@here", the code as is.</summary>
    public static string Plain(string text) => Render(text, s => s, p => p.Kind switch
    {
        TextPartKind.Person => $"@{p.Text}",
        TextPartKind.Broadcast => $"@{p.Text}",
        _ => p.Text,
    });

    private static string Clean(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is not (Open or Close or Separator))
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}

public enum TextPartKind
{
    Plain,
    Person,
    Broadcast,
    Code,
}

/// <summary>
/// A run of a message's text. For <see cref="TextPartKind.Person"/>, <see cref="Id"/> is the actor id and
/// <see cref="Text"/> the display name; for a broadcast, <see cref="Text"/> is its name ("here").
/// </summary>
public readonly record struct TextPart(TextPartKind Kind, string Text, string? Id = null)
{
    public static TextPart Plain(string text) => new(TextPartKind.Plain, text);

    public static TextPart Person(string id, string name) => new(TextPartKind.Person, name, id);

    public static TextPart Broadcast(string name) => new(TextPartKind.Broadcast, name);

    public static TextPart Code(string text) => new(TextPartKind.Code, text);
}
