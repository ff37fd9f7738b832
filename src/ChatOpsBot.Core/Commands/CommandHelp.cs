namespace ChatOpsBot.Core.Commands;

/// <summary>"help &lt;subcommand&gt;": one subcommand in detail, with examples, instead of the whole list.</summary>
public static class CommandHelp
{
    private static readonly Dictionary<string, string[]> Examples = new(StringComparer.Ordinal)
    {
        ["declare"] = ["/incident declare sev2 Checkout is failing", "/incident declare sev1 private Card data exposed",
            "Severities: sev1 (worst) to sev4. Without one, the configured default applies."],
        ["commander"] = ["/incident commander @alice", "/incident commander none — leave the role; the channel is reminded that nobody leads"],
        ["scribe"] = ["/incident scribe @bob", "/incident scribe none — hand the scribe role back"],
        ["role"] = ["/incident role communications @carol", "/incident role operations none"],
        ["severity"] = ["/incident severity sev1"],
        ["update"] = ["/incident update Rolled back; error rate falling", "/incident update next 10m Still investigating"],
        ["action"] = ["/incident action Add a canary for the payment service @carol due friday",
            "/incident action Rotate the keys due 2026-12-10",
            "Due: a duration (2d, 36h), a weekday, today, tomorrow or an ISO date; a day ends at midnight in the team's time zone. At most 150 characters, due within a year.",
            "Then: /incident actions · action done 2 · action reopen 2 · action owner 2 @bob · action due 2 tomorrow"],
        ["actions"] = ["/incident actions", "/incident INC-7 actions — also after the incident is closed"],
        ["action done"] = ["/incident action done 2"],
        ["action reopen"] = ["/incident action reopen 2"],
        ["action owner"] = ["/incident action owner 2 @bob", "/incident action owner 2 none"],
        ["action due"] = ["/incident action due 2 friday", "/incident action due 2 36h"],
        ["export"] = ["/incident export md", "Markdown and CSV leave the bot's bookkeeping out; the HTTP export with ?all=true has every event."],
        ["stats"] = ["/incident stats 7d"],
        ["subscribe"] = ["/incident subscribe INC-7"],
    };

    /// <summary>The subcommand's usage, what it does and examples; an unknown topic gets "did you mean …?".</summary>
    public static string Describe(string topic)
    {
        var name = topic.Trim().ToLowerInvariant() switch
        {
            "ic" => "commander",
            "sev" => "severity",
            var t => string.Join(' ', t.Split(' ', StringSplitOptions.RemoveEmptyEntries)),
        };
        var entry = CommandUsage.All.FirstOrDefault(u => u.Name == name);
        if (entry.Name is null)
        {
            var suggestions = Suggestions.Closest(name, CommandUsage.All.Select(u => u.Name));
            return $"There is no command \"{topic}\".{Suggestions.DidYouMean(suggestions, "help ")} `/incident help` lists them all.";
        }

        var text = $"`{entry.Usage}`\n{entry.Description}";
        if (Examples.TryGetValue(name, out var examples))
        {
            text += "\n" + string.Join("\n", examples.Select(e => e.StartsWith('/') ? $"• `{e.Split(" — ")[0]}`{(e.Contains(" — ", StringComparison.Ordinal) ? " — " + e.Split(" — ")[1] : "")}" : e));
        }

        return text;
    }
}
