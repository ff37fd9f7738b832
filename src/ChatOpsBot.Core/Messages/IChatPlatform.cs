using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Core.Messages;

/// <summary>
/// What the reconciler needs from a chat platform, in neutral terms. Slack, Teams and the console implement it.
/// </summary>
public interface IChatPlatform
{
    /// <summary>The platform name used in <see cref="ConversationRef.Platform"/>: "slack", "teams", "console".</summary>
    string Name { get; }

    /// <summary>
    /// Where incidents of <paramref name="severity"/> are announced and their status updates go (never private ones):
    /// a channel name or id. A per-severity setting if there is one, else the platform's default stakeholder channel.
    /// </summary>
    string StakeholderChannelFor(Severity severity);

    /// <summary>User ids invited to every non-private incident channel on this platform, e.g. the on-call lead.</summary>
    IReadOnlyCollection<string> DefaultResponders { get; }

    /// <summary>Opens the incident's channel, choosing another name if <paramref name="name"/> is taken.</summary>
    Task<ConversationRef> OpenIncidentChannelAsync(string name, bool isPrivate, CancellationToken cancellationToken);

    Task InviteAsync(ConversationRef channel, IReadOnlyCollection<string> userIds, CancellationToken cancellationToken);

    Task SetTopicAsync(ConversationRef channel, string topic, CancellationToken cancellationToken);

    /// <summary>Sets what the channel is for; platforms without a purpose may ignore it.</summary>
    Task SetPurposeAsync(ConversationRef channel, string purpose, CancellationToken cancellationToken);

    /// <summary>Posts a message and returns its platform id.</summary>
    Task<string> PostAsync(ConversationRef channel, ChatMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// Sends <paramref name="message"/> to one person privately (a Slack DM, a Teams 1:1 chat, a console
    /// "dm-" channel only that user sees) and returns the message id. Used for stakeholder subscriptions.
    /// </summary>
    Task<string> SendDirectMessageAsync(string userId, ChatMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// Shares <paramref name="file"/> in <paramref name="channel"/> with <paramref name="comment"/> alongside, and returns
    /// the platform's id for it. Slack uploads a real file; a platform without files posts the comment (or the content).
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
