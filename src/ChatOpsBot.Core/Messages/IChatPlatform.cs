using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Core.Messages;

/// <summary>
/// The chat port: what the reconciler, reminders, triage and stakeholder delivery need from a chat platform, in
/// neutral terms. Slack, Teams and the console implement it; one contract test suite runs against each.
/// <para>
/// Porting a platform onto it: render <see cref="ChatMessage"/> (Title, Text, Fields, Links, Actions, Context) in
/// the platform's card format, turning <see cref="ChatText"/> tokens into its mentions and escaping every plain run
/// so that user text can never ping, hide a link or inject markup; declare <see cref="Capabilities"/> truthfully
/// (the reconciler skips topic, purpose and pin where they are missing); choose incident channel names by the
/// platform's own rules; say which actor ids are real users (<see cref="IsUser"/>); and throw
/// <see cref="ChatUnavailableException"/> for rate limits and outages so the step is retried and counted.
/// </para>
/// </summary>
public interface IChatPlatform
{
    /// <summary>The platform name used in <see cref="ConversationRef.Platform"/>: "slack", "teams", "console".</summary>
    string Name { get; }

    /// <summary>What this platform can do; the reconciler skips the steps it lacks.</summary>
    ChatCapabilities Capabilities { get; }

    /// <summary>How a person types a command here, e.g. "/incident" on Slack; help and usage texts show this.</summary>
    string CommandPrefix { get; }

    /// <summary>
    /// Where incidents of <paramref name="severity"/> are announced and their status updates go (never private ones):
    /// a channel name or id. A per-severity setting if there is one, else the platform's default stakeholder channel.
    /// </summary>
    string StakeholderChannelFor(Severity severity);

    /// <summary>User ids invited to every non-private incident channel on this platform, e.g. the on-call lead.</summary>
    IReadOnlyCollection<string> DefaultResponders { get; }

    /// <summary>
    /// Whether <paramref name="actorId"/> is a user of this platform, who can be invited and mentioned. Actors that
    /// have only a display name (a console user seen from Slack, "alertmanager", "grafana") are not: they are never
    /// invited, and are shown by name.
    /// </summary>
    bool IsUser(string actorId);

    /// <summary>
    /// Opens the incident's conversation, naming it by the platform's rules from the number and title (another name
    /// if that one is taken). A platform without channel creation returns a conversation it already has.
    /// </summary>
    Task<ConversationRef> OpenIncidentChannelAsync(int number, string title, bool isPrivate, CancellationToken cancellationToken);

    /// <summary>Invites users; the ids are ones <see cref="IsUser"/> accepted.</summary>
    Task InviteAsync(ConversationRef channel, IReadOnlyCollection<string> userIds, CancellationToken cancellationToken);

    /// <summary>Called only with <see cref="ChatCapabilities.Topic"/>. The topic is plain text.</summary>
    Task SetTopicAsync(ConversationRef channel, string topic, CancellationToken cancellationToken);

    /// <summary>Called only with <see cref="ChatCapabilities.Purpose"/>.</summary>
    Task SetPurposeAsync(ConversationRef channel, string purpose, CancellationToken cancellationToken);

    /// <summary>Posts a message and returns its platform id.</summary>
    Task<string> PostAsync(ConversationRef channel, ChatMessage message, CancellationToken cancellationToken);

    /// <summary>Replaces a message the bot posted (the live incident card) in place.</summary>
    Task UpdateAsync(ConversationRef channel, string messageId, ChatMessage message, CancellationToken cancellationToken);

    /// <summary>Called only with <see cref="ChatCapabilities.Pin"/>. Pinning an already pinned message is not an error.</summary>
    Task PinAsync(ConversationRef channel, string messageId, CancellationToken cancellationToken);

    /// <summary>
    /// Sends <paramref name="message"/> to one person privately (a Slack DM, a Teams 1:1 chat, a console
    /// "dm-" channel only that user sees) and returns the message id. Used for stakeholder subscriptions.
    /// </summary>
    Task<string> SendDirectMessageAsync(string userId, ChatMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// Shares <paramref name="file"/> in <paramref name="channel"/> with <paramref name="comment"/> alongside, and returns
    /// the platform's id for it. With <see cref="ChatCapabilities.Files"/> a real file; otherwise the comment (or the content).
    /// </summary>
    Task<string> UploadFileAsync(ConversationRef channel, ChatFile file, ChatMessage? comment, CancellationToken cancellationToken);

    /// <summary>
    /// The incident channel named exactly <paramref name="name"/> if it exists and is this incident's (opened by an
    /// earlier attempt whose answer was lost to a crash), else null. Platforms that cannot look it up answer null.
    /// </summary>
    Task<ConversationRef?> FindIncidentChannelAsync(string name, int incidentNumber, CancellationToken cancellationToken) =>
        Task.FromResult<ConversationRef?>(null);

    /// <summary>Finds a well-known channel (the stakeholder channel) by name or id; null if it does not exist.</summary>
    Task<ConversationRef?> FindChannelAsync(string nameOrId, CancellationToken cancellationToken);
}

/// <summary>What a chat platform can do beyond posting.</summary>
[Flags]
public enum ChatCapabilities
{
    None = 0,
    Topic = 1,
    Purpose = 2,
    Pin = 4,
    Files = 8,
    Threads = 16,
    ChannelCreation = 32,
}

/// <summary>
/// The platform is rate limiting or unavailable: the call may well succeed later, so the step is retried (by the
/// sweep, or after <see cref="RetryAfter"/>) and counted as ratelimited or unavailable, not as a bug.
/// </summary>
public sealed class ChatUnavailableException(string platform, string reason, bool isRateLimit, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception($"{platform} is {(isRateLimit ? "rate limiting" : "unavailable")}: {reason}", inner)
{
    public string Platform { get; } = platform;

    public string Reason { get; } = reason;

    public bool IsRateLimit { get; } = isRateLimit;

    public TimeSpan? RetryAfter { get; } = retryAfter;
}
