using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Core.Commands;

/// <summary>The commands that carry a time: "update next 10m &lt;text&gt;" and "action &lt;text&gt; [@owner] [due 2d]".</summary>
public static partial class CommandParser
{
    private static ParseResult ParseUpdate(string args, int? number)
    {
        var (word, rest) = SplitFirst(args);
        if (!word.Equals("next", StringComparison.OrdinalIgnoreCase))
        {
            return ParseText(args, number, "update", "Write the update after `update`.", t => new PostUpdateCommand(t));
        }

        // "next" is a keyword here, so an update that starts with the word needs another first word ("Next: ...").
        var usage = CommandUsage.For("update");
        var (token, text) = SplitFirst(rest);
        if (token.Length == 0)
        {
            return ParseResult.Fail("Say when the next update is due, then the update: `update next 10m <text>`.", usage);
        }

        if (!DurationText.TryParse(token, out var next, out var error))
        {
            return ParseResult.Fail($"{error} The next update is due within 24 hours.", usage);
        }

        if (next > Incident.MaxNextUpdateIn)
        {
            return ParseResult.Fail($"\"{token}\" is more than 24 hours; the next update is due within 24 hours.", usage);
        }

        return ParseText(text, number, "update", $"Write the update after the duration: `update next {token} <text>`.", t => new PostUpdateCommand(t, next));
    }

    private static ParseResult ParseAction(string args, int? number)
    {
        // Read from the end: "action Roll back the deploy @bob due 2d". A "due" followed by something that is not
        // number-like is left in the text ("... due to the cache"), since that is prose, not a typo of a duration.
        var usage = CommandUsage.For("action");
        TimeSpan? dueIn = null;
        var text = args;
        var lastSpace = text.LastIndexOf(' ');
        var beforeLast = lastSpace < 0 ? -1 : text.LastIndexOf(' ', lastSpace - 1);
        if (lastSpace > 0 && text[(beforeLast + 1)..lastSpace].Equals("due", StringComparison.OrdinalIgnoreCase)
            && text[(lastSpace + 1)..] is [(>= '0' and <= '9') or '-' or '+', ..] token)
        {
            if (!DurationText.TryParse(token, out var due, out var error))
            {
                return ParseResult.Fail(error!, usage);
            }

            if (due > Incident.MaxActionItemDueIn)
            {
                return ParseResult.Fail($"\"{token}\" is more than 365 days away; keep action items within a year.", usage);
            }

            dueIn = due;
            text = beforeLast < 0 ? "" : text[..beforeLast].TrimEnd();
        }

        // The owner, if any, is the last word before the due date: "action Roll back the deploy @bob".
        lastSpace = text.LastIndexOf(' ');
        var last = lastSpace < 0 ? text : text[(lastSpace + 1)..];
        Actor? owner = null;
        if (Mentions.TryParse(last, out var user))
        {
            owner = user;
            text = lastSpace < 0 ? "" : text[..lastSpace].TrimEnd();
        }

        return ParseText(text, number, "action", "Describe the action item after `action`.", t => new AddActionItemCommand(t, owner, dueIn));
    }
}
