using System.Text.RegularExpressions;
using ChatOpsBot.Core.Alerts;
using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Core.Commands;

/// <summary>
/// Parses the command language every chat platform shares: "/incident [INC-n] &lt;subcommand&gt; ...".
/// The leading "/incident" is optional, since Slack sends the command word separately from its text.
/// </summary>
public static partial class CommandParser
{
    /// <param name="severityAliases">Extra words for a severity the team uses (Incidents:SeverityAliases, e.g. p1 → SEV1); none by default.</param>
    public static ParseResult Parse(string? text, IReadOnlyDictionary<string, Severity>? severityAliases = null)
    {
        var rest = (text ?? "").Trim();
        if (rest.StartsWith("/incident", StringComparison.OrdinalIgnoreCase))
        {
            rest = rest["/incident".Length..].TrimStart();
        }

        int? number = null;
        var key = IncidentKey().Match(rest);
        if (key.Success)
        {
            if (!int.TryParse(key.Groups["n"].Value, out var n) || n <= 0)
            {
                return ParseResult.Fail($"\"{key.Value.Trim()}\" is not an incident number.", CommandUsage.Help());
            }

            number = n;
            rest = rest[key.Length..];
        }

        var (word, args) = SplitFirst(rest);
        var sub = word.ToLowerInvariant();
        return sub switch
        {
            "" or "help" => ParseResult.Ok(new HelpCommand(args.Length > 0 ? args.ToLowerInvariant() : null), number),
            "declare" => ParseDeclare(args, number, severityAliases),
            "declare-alert" => ParseDeclareAlert(args, number),
            "commander" or "ic" => ParseRole("commander", sub, args, number),
            "scribe" => ParseRole("scribe", sub, args, number),
            "role" => ParseNamedRole(args, number),
            "severity" or "sev" => ParseSeverity(args, number, severityAliases),
            "status" => ParseStatus(args, number),
            "update" when IsPublicUpdate(args) => ParsePublicUpdate(args, number),
            "update" => ParseUpdate(args, number),
            "note" => ParseText(args, number, "note", "Write the note after `note`.", t => new AddNoteCommand(t)),
            "action" when args.Equals("export", StringComparison.OrdinalIgnoreCase) => ParseResult.Ok(new ExportActionItemsCommand(), number),
            "action" => ParseAction(args, number),
            "actions" => NoArguments(new ListActionItemsCommand(), args, number),
            "resolve" => ParseResult.Ok(new ResolveCommand(args.Length > 0 ? args : null), number),
            "close" => NoArguments(new CloseCommand(), args, number),
            "reopen" => NoArguments(new ReopenCommand(), args, number),
            "roles" => NoArguments(new ShowRolesCommand(), args, number),
            "timeline" => NoArguments(new ShowTimelineCommand(), args, number),
            "list" => ParseResult.Ok(new ListCommand(), number),
            "postmortem" => NoArguments(new PostmortemCommand(), args, number),
            "export" => ParseExport(args, number),
            "brief" => NoArguments(new BriefCommand(), args, number),
            "subscribe" => ParseSubscribe(true, args, number),
            "unsubscribe" => ParseSubscribe(false, args, number),
            "change" => args.Length == 0 || args.Contains(' ', StringComparison.Ordinal)
                ? ParseResult.Fail("Name the change that caused the incident: one URL or id.", CommandUsage.For("change"))
                : ParseResult.Ok(new LinkChangeCommand(args), number),
            "stats" => ParseStats(args, number),
            "review" => ParseReview(args, number),
            "changes" => NoArguments(new ListChangesCommand(), args, number),
            "service" => ParseService(args, number),
            "insights" => ParseInsights(args, number),
            "page" => ParsePage(args, number),
            _ => UnknownSubcommand(word),
        };
    }

    private static ParseResult ParseDeclare(string args, int? number, IReadOnlyDictionary<string, Severity>? aliases)
    {
        var usage = CommandUsage.For("declare");
        if (number is not null)
        {
            return ParseResult.Fail("`declare` starts a new incident; leave out the incident number.", usage);
        }

        Severity? severity = null;
        var isPrivate = false;
        var rest = args;
        while (true)
        {
            var (token, after) = SplitFirst(rest);
            if (severity is null && TryParseSeverity(token, aliases, out var s))
            {
                severity = s;
            }
            else if (severity is null && SeverityLookAlike(token, after, aliases) is { } notASeverity)
            {
                return ParseResult.Fail(notASeverity, usage);
            }
            else if (!isPrivate && token.Equals("private", StringComparison.OrdinalIgnoreCase))
            {
                isPrivate = true;
            }
            else
            {
                break;
            }

            rest = after;
        }

        if (rest.Length == 0)
        {
            return ParseResult.Fail("The incident needs a title.", usage);
        }

        // The length limit is configuration, so the domain checks it, not the grammar.
        return ParseResult.Ok(new DeclareCommand(severity, isPrivate, rest), null);
    }

    private static ParseResult ParseDeclareAlert(string args, int? number)
    {
        var usage = CommandUsage.For("declare-alert");
        var (sev, afterSeverity) = SplitFirst(args);
        var (group, title) = SplitFirst(afterSeverity);
        if (number is not null || !SeverityText.TryParse(sev, out var severity) || !AlertMessages.TryDecodeGroup(group, out var groupKey))
        {
            return ParseResult.Fail("That is not an alert group from a triage prompt; use the prompt's button.", usage);
        }

        return title.Length == 0
            ? ParseResult.Fail("The incident needs a title.", usage)
            : ParseResult.Ok(new DeclareAlertCommand(severity, groupKey, title), null);
    }

    private static ParseResult ParseRole(string role, string word, string args, int? number)
    {
        var usage = CommandUsage.For(word);
        var (token, extra) = SplitFirst(args);
        if (token.Length == 0)
        {
            return ParseResult.Fail($"Say who: `{word} @user`.", usage);
        }

        if (token.Equals("none", StringComparison.OrdinalIgnoreCase) && extra.Length == 0)
        {
            return ParseResult.Ok(new ClearRoleCommand(role), number);
        }

        if (!Mentions.TryParse(token, out var user) || extra.Length > 0)
        {
            return ParseResult.Fail($"\"{args}\" is not a user; mention one person, like @alice.", usage);
        }

        return ParseResult.Ok(new AssignRoleCommand(role, user), number);
    }

    private static ParseResult ParseNamedRole(string args, int? number)
    {
        var (role, rest) = SplitFirst(args);
        if (role.Length == 0 || role.StartsWith('@') || role.StartsWith("<@", StringComparison.Ordinal))
        {
            return ParseResult.Fail("Name the role before the user.", CommandUsage.For("role"));
        }

        // The hint repeats the role ("role scribe @user"): "role @user" would only earn "name the role" next.
        var result = ParseRole(role.ToLowerInvariant(), $"role {role}", rest, number);
        return result.Succeeded ? result : ParseResult.Fail(result.Error!, CommandUsage.For("role"));
    }

    private static ParseResult ParseSeverity(string args, int? number, IReadOnlyDictionary<string, Severity>? aliases) =>
        TryParseSeverity(args, aliases, out var severity)
            ? ParseResult.Ok(new ChangeSeverityCommand(severity), number)
            : ParseResult.Fail(args.Length == 0 ? "Which severity?" : $"\"{args}\" is not a severity; use sev1 to sev4.{AliasesText(aliases)}", CommandUsage.For("severity"));

    private static ParseResult ParseStatus(string args, int? number)
    {
        var status = args.ToLowerInvariant() switch
        {
            "investigating" => IncidentStatus.Investigating,
            "identified" => IncidentStatus.Identified,
            "monitoring" => IncidentStatus.Monitoring,
            _ => (IncidentStatus?)null,
        };
        return status is { } s
            ? ParseResult.Ok(new ChangeStatusCommand(s), number)
            : ParseResult.Fail(
                args.ToLowerInvariant() is "resolved" or "closed"
                    ? $"Use `/incident {(args.Equals("resolved", StringComparison.OrdinalIgnoreCase) ? "resolve" : "close")}` for that."
                    : args.Length == 0 ? "Which status?" : $"\"{args}\" is not a status.",
                CommandUsage.For("status"));
    }

    private static ParseResult ParseText(string args, int? number, string name, string whenEmpty, Func<string, IncidentCommand> create)
    {
        if (args.Length == 0)
        {
            return ParseResult.Fail(whenEmpty, CommandUsage.For(name));
        }

        return args.Length > IncidentSettings.MaxTextLength
            ? ParseResult.Fail($"That is {args.Length} characters; keep it to {IncidentSettings.MaxTextLength}.", CommandUsage.For(name))
            : ParseResult.Ok(create(args), number);
    }

    private static ParseResult ParseExport(string args, int? number) =>
        Timeline.TimelineExporter.TryParseFormat(args, out var format)
            ? ParseResult.Ok(new ExportCommand(format), number)
            : ParseResult.Fail(args.Length == 0 ? "Which format? md, csv or json." : $"\"{args}\" is not an export format; use md, csv or json.", CommandUsage.For("export"));

    /// <summary>"subscribe INC-7" names the incident after the word; "INC-7 subscribe" and a bare word in the channel work too.</summary>
    private static ParseResult ParseSubscribe(bool subscribe, string args, int? number)
    {
        var command = new SubscribeCommand(subscribe);
        if (args.Length == 0)
        {
            return ParseResult.Ok(command, number);
        }

        var key = IncidentKey().Match(args);
        if (!key.Success || key.Length != args.Length || !int.TryParse(key.Groups["n"].Value, out var n) || n <= 0
            || (number is not null && number != n))
        {
            return ParseResult.Fail($"\"{args}\" is not an incident; name one like INC-7.", CommandUsage.For(command.Name));
        }

        return ParseResult.Ok(command, n);
    }

    private static ParseResult ParseStats(string args, int? number)
    {
        var window = args.Length == 0 ? "30d" : args.ToLowerInvariant();
        var days = window.EndsWith('d') && int.TryParse(window[..^1], System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : 0;
        if (!Statistics.IncidentStatistics.CommandWindows.Contains(days))
        {
            return ParseResult.Fail($"\"{args}\" is not a window; use 7d, 30d or 90d.", CommandUsage.For("stats"));
        }

        return number is null
            ? ParseResult.Ok(new StatsCommand(days), null)
            : ParseResult.Fail("`stats` covers every incident; leave out the incident number.", CommandUsage.For("stats"));
    }

    private static ParseResult NoArguments(IncidentCommand command, string args, int? number) =>
        args.Length == 0
            ? ParseResult.Ok(command, number)
            : ParseResult.Fail($"`{command.Name}` takes no arguments.", CommandUsage.For(command.Name));

    private static (string Word, string Remainder) SplitFirst(string text)
    {
        text = text.TrimStart();
        var end = text.IndexOfAny([' ', '\t', '\n', '\r']);
        return end < 0 ? (text, "") : (text[..end], text[end..].Trim());
    }

    [GeneratedRegex(@"^INC-(?<n>\d{1,9})(\s+|$)", RegexOptions.IgnoreCase)]
    private static partial Regex IncidentKey();
}
