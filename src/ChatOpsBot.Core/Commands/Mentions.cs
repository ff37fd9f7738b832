using System.Text.RegularExpressions;
using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Core.Commands;

/// <summary>
/// Reads user mentions in the forms chat platforms send: Slack's &lt;@U123&gt; and &lt;@U123|name&gt;, and plain @name.
/// Teams adapters write their mentions in the Slack form with the Teams id (&lt;@29:1abc-d_e|Dana Smith&gt;), the spaces
/// of the name as no-break spaces so the mention stays one word.
/// </summary>
public static partial class Mentions
{
    public static bool TryParse(string token, out Actor user)
    {
        var slack = SlackMention().Match(token);
        if (slack.Success)
        {
            user = new Actor(slack.Groups["id"].Value, slack.Groups["name"].Success ? slack.Groups["name"].Value.Replace('\u00A0', ' ') : null);
            return true;
        }

        var plain = PlainMention().Match(token);
        if (plain.Success)
        {
            // Plain names are case-insensitive (the console lowercases the name a person picks): @Alice is alice.
            user = new Actor(plain.Groups["name"].Value.ToLowerInvariant());
            return true;
        }

        user = Actor.Bot;
        return false;
    }

    [GeneratedRegex(@"^<@(?<id>[A-Za-z0-9][A-Za-z0-9:._-]*)(\|(?<name>[^>]+))?>$")]
    private static partial Regex SlackMention();

    [GeneratedRegex(@"^@(?<name>[\p{L}\p{N}._-]{1,80})$")]
    private static partial Regex PlainMention();
}
