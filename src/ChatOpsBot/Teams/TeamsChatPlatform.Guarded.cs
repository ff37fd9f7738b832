using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Messages;

namespace ChatOpsBot.Teams;

/// <summary>The port's calls, each with Teams' rate limits and outages turned into <see cref="ChatUnavailableException"/>.</summary>
public sealed partial class TeamsChatPlatform
{
    public Task<ConversationRef> OpenIncidentChannelAsync(int number, string title, bool isPrivate, CancellationToken cancellationToken) =>
        TeamsFailures.GuardAsync(() => OpenChannelAsync(number, title, isPrivate, cancellationToken), cancellationToken);

    public Task InviteAsync(ConversationRef channel, IReadOnlyCollection<string> userIds, CancellationToken cancellationToken) =>
        TeamsFailures.GuardAsync(() => AddMembersAsync(channel, userIds, cancellationToken), cancellationToken);

    public Task SetTopicAsync(ConversationRef channel, string topic, CancellationToken cancellationToken) =>
        TeamsFailures.GuardAsync(() => DescribeAsync(channel, topic, cancellationToken), cancellationToken);

    public Task<string> PostAsync(ConversationRef channel, ChatMessage message, CancellationToken cancellationToken) =>
        TeamsFailures.GuardAsync(() => SendAsync(channel, message, cancellationToken), cancellationToken);

    public Task UpdateAsync(ConversationRef channel, string messageId, ChatMessage message, CancellationToken cancellationToken) =>
        TeamsFailures.GuardAsync(() => ReplaceAsync(channel, messageId, message, cancellationToken), cancellationToken);

    public Task<string> SendDirectMessageAsync(string userId, ChatMessage message, CancellationToken cancellationToken) =>
        TeamsFailures.GuardAsync(() => DirectAsync(userId, message, cancellationToken), cancellationToken);

    public Task<string> UploadFileAsync(ConversationRef channel, ChatFile file, ChatMessage? comment, CancellationToken cancellationToken) =>
        TeamsFailures.GuardAsync(() => ShareAsync(channel, file, comment, cancellationToken), cancellationToken);
}
