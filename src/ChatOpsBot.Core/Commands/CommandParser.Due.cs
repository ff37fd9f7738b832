using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Core.Commands;

/// <summary>The command that carries a time: "update next 10m &lt;text&gt;" (action items: CommandParser.Responders.cs).</summary>
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
}
