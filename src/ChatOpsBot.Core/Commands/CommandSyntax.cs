using ChatOpsBot.Core.Messages;

namespace ChatOpsBot.Core.Commands;

/// <summary>
/// The command language is written once, as Slack types it ("/incident …"); replies show it the way the person's
/// platform types it (<see cref="IChatPlatform.CommandPrefix"/>, e.g. "@ChatOpsBot incident …" on Teams). Only the
/// bot's own command examples are rewritten: they are the ones in backticks, at the start of a code span.
/// </summary>
public static class CommandSyntax
{
    public const string Canonical = "/incident";

    public static string ForPrefix(string text, string prefix) =>
        prefix == Canonical ? text : text.Replace("`" + Canonical, "`" + prefix, StringComparison.Ordinal);

    public static CommandOutcome ForPrefix(CommandOutcome outcome, string prefix) =>
        prefix == Canonical ? outcome : outcome with { Replies = [.. outcome.Replies.Select(r => r with { Text = ForPrefix(r.Text, prefix) })] };

    /// <summary>The prefix of the platform named <paramref name="platform"/>; the canonical one for a platform not registered.</summary>
    public static string PrefixOf(IEnumerable<IChatPlatform>? platforms, string platform) =>
        platforms?.FirstOrDefault(p => p.Name == platform)?.CommandPrefix ?? Canonical;
}
