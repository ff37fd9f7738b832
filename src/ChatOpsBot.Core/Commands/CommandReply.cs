using ChatOpsBot.Core.Messages;

namespace ChatOpsBot.Core.Commands;

/// <summary>What the bot answers the person who typed a command. Private replies only they see.</summary>
public sealed record CommandReply(string Text, bool IsPrivate = true);

/// <summary>
/// A file a command produced, for platforms that can share files in the channel (Slack). They reply
/// <see cref="Notice"/> instead of the inline replies and upload <see cref="File"/> after acknowledging; platforms
/// without files ignore it, because the replies already carry the content or a link.
/// </summary>
/// <param name="Link">Where the same content can be downloaded, for when the upload fails.</param>
public sealed record CommandAttachment(ChatFile File, string Notice, string Link);

/// <summary>All replies to one command, and the incident it touched, if any.</summary>
public sealed record CommandOutcome(IReadOnlyList<CommandReply> Replies, int? IncidentNumber = null, bool Failed = false,
    CommandAttachment? Attachment = null)
{
    /// <summary>
    /// When the store did not answer in time: what actually happened, once it is known. Adapters deliver it as a
    /// second answer (Slack's response_url, a console message).
    /// </summary>
    public Task<CommandOutcome>? FollowUp { get; init; }

    public static CommandOutcome Error(string error, string usage) =>
        new([new CommandReply(usage.Contains('\n') ? $"⚠️ {error}\n{usage}" : $"⚠️ {error}\nUsage: `{usage}`")], Failed: true);

    public static CommandOutcome Reply(string text, int? incidentNumber = null) => new([new CommandReply(text)], incidentNumber);
}
