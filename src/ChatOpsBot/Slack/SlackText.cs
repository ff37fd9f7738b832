using System.Text;
using System.Text.RegularExpressions;
using ChatOpsBot.Core.Messages;

namespace ChatOpsBot.Slack;

/// <summary>
/// Slack's side of <see cref="ChatText"/>: mrkdwn out, unescaped text in (https://api.slack.com/reference/surfaces/formatting). Out, only the bot's
/// tokens become markup (<c>&lt;@U123&gt;</c>, <c>&lt;!here&gt;</c>, <c>`code`</c>); every plain run is escaped
/// (&amp; &lt; &gt;, which also disarms <c>&lt;!channel&gt;</c>, <c>&lt;!subteam^S1&gt;</c> and disguised links
/// <c>&lt;https://evil|label&gt;</c>) and has its mrkdwn control characters broken up, so whatever a person or an
/// alert wrote reaches Slack inert. In, Slack's own escaping is undone once, at the adapter.
/// </summary>
public static partial class SlackText
{
    // Slack has no escape for *bold*, _italic_, ~strike~ and `code`; a zero-width space on each side of the marker
    // stops it pairing up, and shows nothing.
    private const char ZeroWidthSpace = '\u200B';

    public static string Mrkdwn(string text) => ChatText.Render(text, Escape, Token);

    /// <summary>
    /// For plain_text fields (headers): Slack parses no markup there, so tokens are shown as names; a zero-width space
    /// after each '&lt;' keeps "&lt;!channel&gt;" from ever reading as a mention, should that change.
    /// </summary>
    public static string Plain(string text) => ChatText.Plain(text).Replace("<", "<\u200B", StringComparison.Ordinal);

    /// <summary>A link as mrkdwn: only http(s), the URL made safe to sit inside &lt;…|…&gt;, the label escaped.</summary>
    public static string? Link(MessageLink link)
    {
        if (!Uri.TryCreate(link.Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return null;
        }

        var url = uri.AbsoluteUri.Replace("|", "%7C", StringComparison.Ordinal).Replace("<", "%3C", StringComparison.Ordinal).Replace(">", "%3E", StringComparison.Ordinal);
        var label = Escape(ChatText.Plain(link.Label)).Replace("|", "¦", StringComparison.Ordinal);
        return $"<{url}|{label}>";
    }

    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                // Inside a word ("snake_case", a URL's path) a marker formats nothing; leave it, so links stay whole.
                case '*' or '_' or '~' when i > 0 && i < text.Length - 1 && char.IsLetterOrDigit(text[i - 1]) && char.IsLetterOrDigit(text[i + 1]):
                    sb.Append(c);
                    break;
                case '*' or '_' or '~' or '`': sb.Append(ZeroWidthSpace).Append(c).Append(ZeroWidthSpace); break;
                default: sb.Append(c); break;
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// Undoes Slack's escaping of a message or command text once (&amp;lt; &amp;gt; then &amp;amp;, so "&amp;amp;lt;"
    /// stays "&amp;lt;"), and drops anything that could pass for one of the bot's tokens. Mentions Slack sent
    /// (<c>&lt;@U123|alice&gt;</c>) are left as they are: the command parser knows them as people.
    /// </summary>
    public static string Unescape(string text) =>
        ChatText.Inert(text.Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal));

    /// <summary>A Slack user or bot-user id (U…, W…), as opposed to a name-only actor such as "alertmanager".</summary>
    public static bool IsUserId(string id) => UserId().IsMatch(id);

    /// <summary>Cuts rendered mrkdwn to <paramref name="max"/> characters without splitting an entity or a &lt;…&gt; token.</summary>
    public static string Cut(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var end = max - 1;
        var amp = text.LastIndexOf('&', end - 1);
        if (amp >= 0 && text.IndexOf(';', amp) is var semi && (semi < 0 || semi >= end))
        {
            end = amp;
        }

        var open = text.LastIndexOf('<', end - 1);
        if (open >= 0 && text.IndexOf('>', open) is var close && (close < 0 || close >= end))
        {
            end = open;
        }

        if (end > 0 && char.IsHighSurrogate(text[end - 1]))
        {
            end--;
        }

        return text[..end] + "…";
    }

    private static string Token(TextPart part) => part.Kind switch
    {
        TextPartKind.Person when IsUserId(part.Id!) => $"<@{part.Id}>",
        TextPartKind.Person => Escape($"@{part.Text}"),
        TextPartKind.Broadcast when part.Text is "here" or "channel" => $"<!{part.Text}>",
        TextPartKind.Code => $"`{Escape(part.Text.Replace("`", "'", StringComparison.Ordinal)).Replace(ZeroWidthSpace.ToString(), "", StringComparison.Ordinal)}`",
        _ => Escape(part.Text),
    };

    [GeneratedRegex("^[UW][A-Z0-9]{2,}$")]
    private static partial Regex UserId();
}
