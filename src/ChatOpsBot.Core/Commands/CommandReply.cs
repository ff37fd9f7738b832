namespace ChatOpsBot.Core.Commands;

/// <summary>What the bot answers the person who typed a command. Private replies only they see.</summary>
public sealed record CommandReply(string Text, bool IsPrivate = true);

/// <summary>All replies to one command, and the incident it touched, if any.</summary>
public sealed record CommandOutcome(IReadOnlyList<CommandReply> Replies, int? IncidentNumber = null, bool Failed = false)
{
    public static CommandOutcome Error(string error, string usage) =>
        new([new CommandReply(usage.Contains('\n') ? $"⚠️ {error}\n{usage}" : $"⚠️ {error}\nUsage: `{usage}`")], Failed: true);

    public static CommandOutcome Reply(string text, int? incidentNumber = null) => new([new CommandReply(text)], incidentNumber);
}
