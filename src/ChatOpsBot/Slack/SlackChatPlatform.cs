using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Messages;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Slack;

/// <summary>
/// The reconciler's chat steps on Slack. Each method is one or two Web API calls; failures surface as
/// <see cref="SlackApiException"/> so the reconciler logs them with the incident number and retries the step.
/// </summary>
public sealed partial class SlackChatPlatform(ISlackApi slack, SlackFileUploads files, IOptions<SlackOptions> options, ILogger<SlackChatPlatform> logger)
    : IChatPlatform
{
    public const string PlatformName = "slack";

    // Past this many taken names something other than a collision is going on.
    private const int MaxNameAttempts = 20;

    // Errors about one user that should not stop the others from being invited.
    private static readonly HashSet<string> PerUserInviteErrors =
        ["already_in_channel", "cant_invite_self", "user_not_found", "cant_invite", "user_is_restricted", "user_is_ultra_restricted", "user_is_bot", "users_not_found"];

    public string Name => PlatformName;

    public string StakeholderChannelFor(Severity severity) =>
        options.Value.StakeholderChannels.For(severity, options.Value.StakeholderChannel);

    public IReadOnlyCollection<string> DefaultResponders => options.Value.DefaultResponders;

    public static ConversationRef Channel(string id, string? name = null) => new(PlatformName, id, name);

    public async Task<ConversationRef> OpenIncidentChannelAsync(string name, bool isPrivate, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var candidate = attempt == 1 ? name : ChannelNames.WithSuffix(name, attempt);
            try
            {
                var created = await slack.CreateConversationAsync(new CreateConversationRequest(candidate, isPrivate), cancellationToken);
                return Channel(created.Channel.Id, created.Channel.Name ?? candidate);
            }
            catch (Exception ex) when (ex.SlackError() == "name_taken" && attempt < MaxNameAttempts)
            {
                LogNameTaken(logger, candidate);
            }
        }
    }

    public async Task InviteAsync(ConversationRef channel, IReadOnlyCollection<string> userIds, CancellationToken cancellationToken)
    {
        if (userIds.Count == 0)
        {
            return;
        }

        try
        {
            // Slack takes at most 100 ids a call; an incident rarely has more, but a big default-responder list might.
            foreach (var batch in userIds.Chunk(100))
            {
                await slack.InviteAsync(new InviteRequest(channel.Id, string.Join(',', batch)), cancellationToken);
            }
        }
        catch (Exception ex) when (ex.SlackError() is { } error && PerUserInviteErrors.Contains(error))
        {
            // One bad or present user fails the whole call; invite one by one so the rest still get in.
            foreach (var user in userIds)
            {
                try
                {
                    await slack.InviteAsync(new InviteRequest(channel.Id, user), cancellationToken);
                }
                catch (Exception single) when (single.SlackError() is { } code && PerUserInviteErrors.Contains(code))
                {
                    LogInviteSkipped(logger, user, channel.Id, single.SlackError()!);
                }
            }
        }
    }

    public Task SetTopicAsync(ConversationRef channel, string topic, CancellationToken cancellationToken) =>
        slack.SetTopicAsync(new SetTopicRequest(channel.Id, BlockKit.Cut(topic, 250)), cancellationToken);

    public Task SetPurposeAsync(ConversationRef channel, string purpose, CancellationToken cancellationToken) =>
        slack.SetPurposeAsync(new SetPurposeRequest(channel.Id, BlockKit.Cut(purpose, 250)), cancellationToken);

    public async Task<string> PostAsync(ConversationRef channel, ChatMessage message, CancellationToken cancellationToken)
    {
        var posted = await slack.PostMessageAsync(
            new PostMessageRequest(channel.Id, BlockKit.FallbackText(message), BlockKit.Render(message)), cancellationToken);
        return posted.Ts;
    }

    /// <summary>chat.postMessage to a user id posts in the bot's direct conversation with that user.</summary>
    public Task<string> SendDirectMessageAsync(string userId, ChatMessage message, CancellationToken cancellationToken) =>
        PostAsync(Channel(userId), message, cancellationToken);

    /// <summary>The comment travels as the file's initial_comment, so the notice and the file arrive as one message.</summary>
    public Task<string> UploadFileAsync(ConversationRef channel, ChatFile file, ChatMessage? comment, CancellationToken cancellationToken) =>
        files.UploadAsync(channel.Id, file, comment is null ? null : BlockKit.FallbackText(comment), cancellationToken);

    /// <summary>
    /// Slack channels are addressed by id, so the configured stakeholder channel is taken as given; a wrong id
    /// shows up as channel_not_found on the announcement, logged and retried by the reconciler.
    /// </summary>
    public Task<ConversationRef?> FindChannelAsync(string nameOrId, CancellationToken cancellationToken) =>
        Task.FromResult<ConversationRef?>(string.IsNullOrWhiteSpace(nameOrId) ? null : Channel(nameOrId.TrimStart('#')));

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack channel name {Name} is taken; trying the next suffix")]
    private static partial void LogNameTaken(ILogger logger, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Not inviting {UserId} to {ChannelId}: {Error}")]
    private static partial void LogInviteSkipped(ILogger logger, string userId, string channelId, string error);
}
