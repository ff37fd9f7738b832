using System.Text;
using System.Text.Json.Nodes;

namespace ChatOpsBot.Teams;

/// <summary>
/// The command in a received message: the bot's own &lt;at&gt; mention removed, other people's mentions rewritten to the
/// &lt;@id|name&gt; form the command parser reads, the HTML Teams sends in channels reduced to text, and the leading
/// "incident" (people type "@ChatOpsBot incident declare …") dropped.
/// </summary>
public static class TeamsCommandText
{
    private const char MarkOpen = '\uE000';
    private const char MarkClose = '\uE001';

    public static string From(Activity activity)
    {
        var text = activity.Text ?? "";
        var people = new List<string>();
        foreach (var entity in activity.Entities ?? [])
        {
            if (entity["type"]?.GetValue<string>() != "mention" || entity["text"]?.GetValue<string>() is not { Length: > 0 } mentionText
                || entity["mentioned"] is not JsonObject mentioned || mentioned["id"]?.GetValue<string>() is not { Length: > 0 } id)
            {
                continue;
            }

            if (id == activity.Recipient?.Id)
            {
                text = text.Replace(mentionText, " ", StringComparison.Ordinal);
                continue;
            }

            var name = (mentioned["name"]?.GetValue<string>() ?? "").Replace('|', ' ').Replace('>', ' ').Trim().Replace(' ', '\u00A0');
            people.Add(name.Length == 0 ? $"<@{id}>" : $"<@{id}|{name}>");
            text = text.Replace(mentionText, $" {MarkOpen}{people.Count - 1}{MarkClose} ", StringComparison.Ordinal);
        }

        var plain = new StringBuilder(AdaptiveCards.PlainText(text.Replace("<br>", "\n", StringComparison.OrdinalIgnoreCase)
            .Replace("</p>", "\n", StringComparison.OrdinalIgnoreCase)).Replace('\u00A0', ' '));
        for (var i = 0; i < people.Count; i++)
        {
            plain.Replace($"{MarkOpen}{i}{MarkClose}", people[i]);
        }

        var command = CollapseSpaces(plain.ToString()).Trim();
        foreach (var prefix in new[] { "/incident", "incident" })
        {
            if (command.Equals(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return "";
            }

            if (command.StartsWith(prefix + " ", StringComparison.OrdinalIgnoreCase))
            {
                return command[(prefix.Length + 1)..].Trim();
            }
        }

        return command;
    }

    private static string CollapseSpaces(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c == ' ' && sb.Length > 0 && sb[^1] == ' ')
            {
                continue;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }
}
