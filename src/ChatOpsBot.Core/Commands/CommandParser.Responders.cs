using System.Globalization;
using System.Text.RegularExpressions;
using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Core.Commands;

/// <summary>
/// The responders' part of the language: forgiving of typos but never guessing. A word that looks like a severity
/// but is not one refuses the declaration; an unknown subcommand gets "did you mean …?" and that subcommand's usage;
/// action items are added with an owner and a due date, then listed, done, reopened, reassigned and rescheduled.
/// </summary>
public static partial class CommandParser
{
    private static readonly string[] SeverityWords = ["critical", "crit", "major", "minor", "blocker", "urgent"];

    /// <summary>Every word the language knows in the subcommand position, aliases included.</summary>
    private static IEnumerable<string> SubcommandWords =>
        CommandUsage.All.Select(u => u.Name).Where(n => !n.Contains(' ', StringComparison.Ordinal)).Concat(["ic", "sev"]);

    private static ParseResult UnknownSubcommand(string word)
    {
        var suggestions = Suggestions.Closest(word, SubcommandWords);
        if (suggestions.Count == 0)
        {
            return ParseResult.Fail($"I don't know the command \"{word}\". `/incident help` lists the commands.", CommandUsage.For("help"));
        }

        return ParseResult.Fail($"I don't know the command \"{word}\".{Suggestions.DidYouMean(suggestions)}", UsageOf(suggestions));
    }

    /// <summary>One usage line as is; two as lines of their own, each marked.</summary>
    private static string UsageOf(IReadOnlyList<string> names) =>
        names.Count == 1 ? CommandUsage.For(names[0]) : string.Join("\n", names.Select(n => $"Usage: `{CommandUsage.For(n)}`"));

    /// <summary>
    /// A refusal when <paramref name="token"/> (with the word after it, for "sev 1") looks like a severity but is none:
    /// declaring "sev5 Payments down" as a SEV3 titled "sev5 Payments down" would be a guess with a channel and an
    /// announcement attached.
    /// </summary>
    private static string? SeverityLookAlike(string token, string after, IReadOnlyDictionary<string, Severity>? aliases)
    {
        var lower = token.ToLowerInvariant();
        var levels = $"the levels are sev1, sev2, sev3 and sev4 (sev1 is the worst).{AliasesText(aliases)}";
        var keep = $" Nothing was declared. To start the title with that word, name the severity first: `declare sev3 {token} …`.";
        if (lower is "sev" or "severity" or "p" or "priority" && SplitFirst(after).Word is { Length: > 0 } next && next.All(char.IsAsciiDigit))
        {
            return SeverityText.TryParse("sev" + next, out _)
                ? $"\"{token} {next}\" is not a severity; write it as one word: sev{next}. Nothing was declared."
                : $"\"{token} {next}\" is not a severity; {levels} Nothing was declared.";
        }

        if (SeverityLookAlikePattern().IsMatch(lower) || SeverityWords.Contains(lower))
        {
            return $"\"{token}\" is not a severity; {levels}{keep}";
        }

        return null;
    }

    /// <summary>sev1..sev4, or a word the team configured for one (Incidents:SeverityAliases); nothing else is a severity.</summary>
    private static bool TryParseSeverity(string token, IReadOnlyDictionary<string, Severity>? aliases, out Severity severity)
    {
        if (SeverityText.TryParse(token, out severity))
        {
            return true;
        }

        severity = default;
        return aliases is not null && aliases.TryGetValue(token.Trim().ToLowerInvariant(), out severity);
    }

    /// <summary>" This team also writes p1 for sev1, p2 for sev2." — the configured aliases, so a refusal names every word that works.</summary>
    private static string AliasesText(IReadOnlyDictionary<string, Severity>? aliases) =>
        aliases is null || aliases.Count == 0
            ? ""
            : $" This team also writes {string.Join(", ", aliases.OrderBy(a => a.Value).ThenBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key} for {a.Value.Label().ToLowerInvariant()}"))}.";

    private static ParseResult ParseAction(string args, int? number)
    {
        var (verb, rest) = SplitFirst(args);
        return verb.ToLowerInvariant() switch
        {
            "done" => ParseItemVerb(ActionItemVerb.Done, rest, number),
            "reopen" => ParseItemVerb(ActionItemVerb.Reopen, rest, number),
            "owner" => ParseItemOwner(rest, number),
            "due" => ParseItemDue(rest, number),
            _ => ParseNewActionItem(args, number),
        };
    }

    private static ParseResult ParseItemVerb(ActionItemVerb verb, string args, int? number)
    {
        var command = new ChangeActionItemCommand(verb, 0);
        var usage = CommandUsage.For(command.Name);
        return TryItemNumber(args, out var n)
            ? ParseResult.Ok(command with { ItemNumber = n }, number)
            : ParseResult.Fail(NotAnItem(command.Name, args), usage);
    }

    private static ParseResult ParseItemOwner(string args, int? number)
    {
        var usage = CommandUsage.For("action owner");
        var (item, who) = SplitFirst(args);
        if (!TryItemNumber(item, out var n))
        {
            return ParseResult.Fail(NotAnItem("action owner", item), usage);
        }

        if (who.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return ParseResult.Ok(new ChangeActionItemCommand(ActionItemVerb.Owner, n), number);
        }

        return Mentions.TryParse(who, out var owner)
            ? ParseResult.Ok(new ChangeActionItemCommand(ActionItemVerb.Owner, n, owner), number)
            : ParseResult.Fail(who.Length == 0 ? "Say who owns it: `action owner 2 @user` (or `none`)." : $"\"{who}\" is not a user; mention one person, like @alice, or say none.", usage);
    }

    private static ParseResult ParseItemDue(string args, int? number)
    {
        var usage = CommandUsage.For("action due");
        var (item, when) = SplitFirst(args);
        if (!TryItemNumber(item, out var n))
        {
            return ParseResult.Fail(NotAnItem("action due", item), usage);
        }

        if (when.Length == 0)
        {
            return ParseResult.Fail($"Say when it is due: {DueText.Examples}.", usage);
        }

        if (when.Contains(' ', StringComparison.Ordinal))
        {
            return ParseResult.Fail($"\"{when}\" is not a due date; write it like {DueText.Examples}.", usage);
        }

        if (!DueText.TryParse(when, out var due, out var error))
        {
            return ParseResult.Fail(error!, usage);
        }

        return RefuseIfTooFar(due, usage) ?? ParseResult.Ok(new ChangeActionItemCommand(ActionItemVerb.Due, n, Due: due), number);
    }

    /// <summary>
    /// "action &lt;text&gt; [@owner] [due &lt;when&gt;]", read from the end. "due" as the second-to-last word always
    /// names the due date, so "due tmorrow" is refused rather than kept in the text; "due to the cache" is prose.
    /// </summary>
    private static ParseResult ParseNewActionItem(string args, int? number)
    {
        var usage = CommandUsage.For("action");
        var words = args.Split([' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries).ToList();
        Actor? owner = null;
        DueText? due = null;
        for (var pass = 0; pass < 2; pass++)
        {
            if (owner is null && words.Count > 0 && Mentions.TryParse(words[^1], out var user))
            {
                owner = user;
                words.RemoveAt(words.Count - 1);
            }
            else if (due is null && words.Count >= 2 && words[^2].Equals("due", StringComparison.OrdinalIgnoreCase))
            {
                if (!DueText.TryParse(words[^1], out var when, out var error))
                {
                    return ParseResult.Fail($"{error} Nothing was added.", usage);
                }

                if (RefuseIfTooFar(when, usage) is { } tooFar)
                {
                    return tooFar;
                }

                due = when;
                words.RemoveRange(words.Count - 2, 2);
            }
        }

        // Re-joined from the words only when something was taken off the end, so the text keeps its own spacing otherwise.
        var text = owner is null && due is null ? args : string.Join(' ', words);
        if (text.Length == 0)
        {
            return ParseResult.Fail("Describe the action item after `action`.", usage);
        }

        if (text.Length > Incident.MaxActionItemTextLength)
        {
            return ParseResult.Fail($"That is {text.Length} characters; an action item is at most {Incident.MaxActionItemTextLength}. Put the detail in a note.", usage);
        }

        return due switch
        {
            null => ParseResult.Ok(new AddActionItemCommand(text, owner), number),
            DueText.After after => ParseResult.Ok(new AddActionItemCommand(text, owner, after.Span), number),
            _ => ParseResult.Ok(new AddDatedActionItemCommand(text, owner, due), number),
        };
    }

    /// <summary>Durations are checked here; days need the clock, so the domain checks those.</summary>
    private static ParseResult? RefuseIfTooFar(DueText due, string usage) =>
        due is DueText.After { Span: var span } && span > DueText.MaxAhead
            ? ParseResult.Fail($"\"{due.Typed}\" is more than 365 days away; keep action items within a year.", usage)
            : null;

    private static string NotAnItem(string name, string typed) =>
        typed.Length == 0
            ? $"Which item? `{name} 2`; `/incident actions` lists them with their numbers."
            : $"\"{typed}\" is not an action item number; `/incident actions` lists them with their numbers.";

    private static bool TryItemNumber(string text, out int number) =>
        int.TryParse(text.TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out number) && number > 0 && !text.Contains(' ', StringComparison.Ordinal);

    // sev0, sev5, sev-1, sev01, p1, p0, pri2, priority1: severity-shaped, but not sev1..sev4 ("s3" is a bucket, not a level).
    [GeneratedRegex(@"^(sev|severity|p|pri|priority)[-_:#]?\d+$")]
    private static partial Regex SeverityLookAlikePattern();
}
