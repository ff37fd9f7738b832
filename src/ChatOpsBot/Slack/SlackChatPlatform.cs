using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Messages;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Slack;

/// <summary>
/// The reconciler's chat steps on Slack. Each method is one or two Web API calls. A rate limit or outage (429, 5xx,
/// the network) surfaces as <see cref="ChatUnavailableException"/>, any other failure as <see cref="SlackApiException"/>;
/// either way the reconciler logs it with the incident number and retries the step.
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

    public ChatCapabilities Capabilities =>
        ChatCapabilities.Topic | ChatCapabilities.Purpose | ChatCapabilities.Pin | ChatCapabilities.Files | ChatCapabilities.Threads | ChatCapabilities.ChannelCreation;

    public string CommandPrefix => "/incident";

    /// <summary>Slack users have ids like U0ALICE; a console name or "alertmanager" is never invited or mentioned.</summary>
    public bool IsUser(string actorId) => SlackText.IsUserId(actorId);

    public string StakeholderChannelFor(Severity severity) =>
        options.Value.StakeholderChannels.For(severity, options.Value.StakeholderChannel);

    public IReadOnlyCollection<string> DefaultResponders => options.Value.DefaultResponders;

    public static ConversationRef Channel(string id, string? name = null) => new(PlatformName, id, name);

    /// <summary>Slack's naming rules: lowercase letters, digits, '-' and '_', at most 80 characters (<see cref="ChannelNames"/>).</summary>
    public async Task<ConversationRef> OpenIncidentChannelAsync(int number, string title, bool isPrivate, CancellationToken cancellationToken)
    {
        var name = ChannelNames.ForIncident(number, title);
        for (var attempt = 1; ; attempt++)
        {
            var candidate = attempt == 1 ? name : ChannelNames.WithSuffix(name, attempt);
            try
            {
                var created = await Call(() => slack.CreateConversationAsync(new CreateConversationRequest(candidate, isPrivate), cancellationToken));
                return Channel(created.Channel.Id, created.Channel.Name ?? candidate);
            }
            catch (Exception ex) when (ex.SlackError() == "name_taken" && attempt < MaxNameAttempts)
            {
                // The HTTP retry sends a create again after a 5xx or a dropped connection, and the first one may have
                // made the channel: the name is then taken by the incident's own channel, which is adopted, not suffixed.
                if (attempt == 1 && await FindIncidentChannelAsync(candidate, number, cancellationToken) is { } own)
                {
                    return own;
                }

                LogNameTaken(logger, candidate);
            }
        }
    }

    /// <summary>The channel an earlier create opened before a crash lost its answer (<see cref="SlackChannelLookup"/>).</summary>
    public async Task<ConversationRef?> FindIncidentChannelAsync(string name, int incidentNumber, CancellationToken cancellationToken) =>
        await Call(() => SlackChannelLookup.FindAsync(slack, name, incidentNumber, cancellationToken)) is { } found ? Channel(found.Id, found.Name) : null;

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
                await Call(() => slack.InviteAsync(new InviteRequest(channel.Id, string.Join(',', batch)), cancellationToken));
            }
        }
        catch (Exception ex) when (ex.SlackError() is { } error && PerUserInviteErrors.Contains(error))
        {
            // One bad or present user fails the whole call; invite one by one so the rest still get in.
            foreach (var user in userIds)
            {
                try
                {
                    await Call(() => slack.InviteAsync(new InviteRequest(channel.Id, user), cancellationToken));
                }
                catch (Exception single) when (single.SlackError() is { } code && PerUserInviteErrors.Contains(code))
                {
                    LogInviteSkipped(logger, user, channel.Id, single.SlackError()!);
                }
            }
        }
    }

    /// <summary>Topics and purposes are shown as typed: escaped, so a title cannot ping from the channel header.</summary>
    public Task SetTopicAsync(ConversationRef channel, string topic, CancellationToken cancellationToken) =>
        Call(() => slack.SetTopicAsync(new SetTopicRequest(channel.Id, SlackText.Cut(SlackText.Escape(topic), 250)), cancellationToken));

    public Task SetPurposeAsync(ConversationRef channel, string purpose, CancellationToken cancellationToken) =>
        Call(() => slack.SetPurposeAsync(new SetPurposeRequest(channel.Id, SlackText.Cut(SlackText.Escape(purpose), 250)), cancellationToken));

    public async Task<string> PostAsync(ConversationRef channel, ChatMessage message, CancellationToken cancellationToken)
    {
        var posted = await Call(() => slack.PostMessageAsync(
            new PostMessageRequest(channel.Id, BlockKit.FallbackText(message), BlockKit.Render(message)), cancellationToken));
        return posted.Ts;
    }

    /// <summary>chat.update replaces text and blocks, buttons included: a card's stale buttons go with it.</summary>
    public Task UpdateAsync(ConversationRef channel, string messageId, ChatMessage message, CancellationToken cancellationToken) =>
        Call(() => slack.UpdateMessageAsync(new UpdateMessageRequest(channel.Id, messageId, BlockKit.FallbackText(message), BlockKit.Render(message)), cancellationToken));

    public async Task PinAsync(ConversationRef channel, string messageId, CancellationToken cancellationToken)
    {
        try
        {
            await Call(() => slack.PinAsync(new PinRequest(channel.Id, messageId), cancellationToken));
        }
        catch (Exception ex) when (ex.SlackError() == "already_pinned")
        {
            // Pinned by someone (or by a step whose record was lost): the state wanted is there.
        }
    }

    /// <summary>chat.postMessage to a user id posts in the bot's direct conversation with that user.</summary>
    public Task<string> SendDirectMessageAsync(string userId, ChatMessage message, CancellationToken cancellationToken) =>
        PostAsync(Channel(userId), message, cancellationToken);

    /// <summary>The comment travels as the file's initial_comment, so the notice and the file arrive as one message.</summary>
    public Task<string> UploadFileAsync(ConversationRef channel, ChatFile file, ChatMessage? comment, CancellationToken cancellationToken) =>
        Call(() => files.UploadAsync(channel.Id, file, comment is null ? null : CommentText(comment), cancellationToken));

    /// <summary>
    /// Slack channels are addressed by id, so the configured stakeholder channel is taken as given; a wrong id
    /// shows up as channel_not_found on the announcement, logged and retried by the reconciler.
    /// </summary>
    public Task<ConversationRef?> FindChannelAsync(string nameOrId, CancellationToken cancellationToken) =>
        Task.FromResult<ConversationRef?>(string.IsNullOrWhiteSpace(nameOrId) ? null : Channel(nameOrId.TrimStart('#')));

    // initial_comment is mrkdwn without blocks, so the links travel in the text.
    private static string CommentText(ChatMessage comment) =>
        string.Join('\n', comment.Links.Select(SlackText.Link).OfType<string>().Where(l => !comment.Text.Contains(l, StringComparison.Ordinal))
            .Prepend(BlockKit.FallbackText(comment)));

    /// <summary>Rate limits and outages become the neutral <see cref="ChatUnavailableException"/>; Slack's other errors stay as they are.</summary>
    private static async Task<T> Call<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (Unavailable(ex) is { } unavailable)
        {
            throw unavailable;
        }
    }

    private static Task<bool> Call(Func<Task> call) => Call(async () =>
    {
        await call();
        return true;
    });

    private static ChatUnavailableException? Unavailable(Exception ex) => ex.SlackError() switch
    {
        "ratelimited" => new ChatUnavailableException(PlatformName, "ratelimited", isRateLimit: true, inner: ex),
        { } error when error.StartsWith("http_5", StringComparison.Ordinal) || error is "service_unavailable" or "fatal_error" or "internal_error" or "request_timeout"
            => new ChatUnavailableException(PlatformName, error, isRateLimit: false, inner: ex),
        null when ex is HttpRequestException or TaskCanceledException { InnerException: TimeoutException } || ex.InnerException is HttpRequestException
            => new ChatUnavailableException(PlatformName, ex.GetType().Name, isRateLimit: false, inner: ex),
        _ => null,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack channel name {Name} is taken; trying the next suffix")]
    private static partial void LogNameTaken(ILogger logger, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Not inviting {UserId} to {ChannelId}: {Error}")]
    private static partial void LogInviteSkipped(ILogger logger, string userId, string channelId, string error);
}
