using System.Text.Json.Nodes;
using Refit;

namespace ChatOpsBot.Slack;

/// <summary>
/// The Slack Web API methods the bot uses (https://api.slack.com/methods). JSON bodies where Slack accepts them, query
/// strings for the read methods that do not. An {ok:false} answer never reaches a caller as a value:
/// <see cref="SlackApiHandler"/> turns it into a <see cref="SlackApiException"/>.
/// </summary>
public interface ISlackApi
{
    [Post("/chat.postMessage")]
    Task<MessageResponse> PostMessageAsync([Body] PostMessageRequest request, CancellationToken cancellationToken);

    [Post("/chat.update")]
    Task<MessageResponse> UpdateMessageAsync([Body] UpdateMessageRequest request, CancellationToken cancellationToken);

    [Post("/chat.postEphemeral")]
    Task<SlackResponse> PostEphemeralAsync([Body] PostEphemeralRequest request, CancellationToken cancellationToken);

    [Get("/chat.getPermalink")]
    Task<PermalinkResponse> GetPermalinkAsync(string channel, [AliasAs("message_ts")] string messageTs, CancellationToken cancellationToken);

    [Post("/conversations.create")]
    Task<ConversationResponse> CreateConversationAsync([Body] CreateConversationRequest request, CancellationToken cancellationToken);

    [Post("/conversations.invite")]
    Task<SlackResponse> InviteAsync([Body] InviteRequest request, CancellationToken cancellationToken);

    [Post("/conversations.setTopic")]
    Task<SlackResponse> SetTopicAsync([Body] SetTopicRequest request, CancellationToken cancellationToken);

    [Post("/conversations.setPurpose")]
    Task<SlackResponse> SetPurposeAsync([Body] SetPurposeRequest request, CancellationToken cancellationToken);

    [Get("/conversations.history")]
    Task<MessagesResponse> HistoryAsync(string channel, string latest, string oldest, bool inclusive, int limit, CancellationToken cancellationToken);

    [Get("/conversations.replies")]
    Task<MessagesResponse> RepliesAsync(string channel, string ts, string latest, string oldest, bool inclusive, int limit, CancellationToken cancellationToken);

    [Post("/pins.add")]
    Task<SlackResponse> PinAsync([Body] PinRequest request, CancellationToken cancellationToken);

    [Post("/views.open")]
    Task<SlackResponse> OpenViewAsync([Body] OpenViewRequest request, CancellationToken cancellationToken);

    /// <summary>Step 1 of a file upload. Not JSON-capable, so a form post; the answer names where to send the bytes.</summary>
    [Post("/files.getUploadURLExternal")]
    Task<UploadUrlResponse> GetUploadUrlExternalAsync([Body(BodySerializationMethod.UrlEncoded)] UploadUrlRequest request, CancellationToken cancellationToken);

    /// <summary>Step 3: shares the uploaded bytes in a channel. Until this succeeds the file exists but nobody sees it.</summary>
    [Post("/files.completeUploadExternal")]
    Task<SlackResponse> CompleteUploadExternalAsync([Body] CompleteUploadRequest request, CancellationToken cancellationToken);

    [Get("/users.info")]
    Task<UserResponse> UserInfoAsync(string user, CancellationToken cancellationToken);

    /// <summary>One page of the channels the bot can see; <paramref name="cursor"/> is the previous page's next_cursor.</summary>
    [Get("/conversations.list")]
    Task<ConversationListResponse> ListConversationsAsync(string types, [AliasAs("exclude_archived")] string excludeArchived, int limit, string? cursor, CancellationToken cancellationToken);

    [Get("/auth.test")]
    Task<AuthTestResponse> AuthTestAsync(CancellationToken cancellationToken);
}

public record SlackResponse(bool Ok, string? Error = null);

public sealed record PostMessageRequest(string Channel, string Text, JsonArray? Blocks = null, string? ThreadTs = null, bool UnfurlLinks = false);

public sealed record UpdateMessageRequest(string Channel, string Ts, string Text, JsonArray? Blocks = null);

public sealed record PostEphemeralRequest(string Channel, string User, string Text, JsonArray? Blocks = null);

public sealed record MessageResponse(bool Ok, string Channel, string Ts) : SlackResponse(Ok);

public sealed record PermalinkResponse(bool Ok, string Permalink) : SlackResponse(Ok);

public sealed record CreateConversationRequest(string Name, bool IsPrivate);

public sealed record ConversationResponse(bool Ok, SlackChannel Channel) : SlackResponse(Ok);

public sealed record SlackChannel(string Id, string? Name);

public sealed record InviteRequest(string Channel, string Users);

public sealed record SetTopicRequest(string Channel, string Topic);

public sealed record SetPurposeRequest(string Channel, string Purpose);

public sealed record MessagesResponse(bool Ok, IReadOnlyList<SlackMessage>? Messages) : SlackResponse(Ok);

/// <summary>A message as the Web API and the Events API both describe it.</summary>
public sealed record SlackMessage(string? Type, string? User, string? Text, string Ts, string? ThreadTs = null, string? BotId = null,
    string? Subtype = null, IReadOnlyList<SlackFile>? Files = null);

public sealed record SlackFile(string? Name, string? Title, string? Permalink);

public sealed record PinRequest(string Channel, string Timestamp);

public sealed record OpenViewRequest(string TriggerId, JsonObject View);

public sealed record UploadUrlRequest([property: AliasAs("filename")] string Filename, [property: AliasAs("length")] int Length);

public sealed record UploadUrlResponse(bool Ok, string UploadUrl, string FileId) : SlackResponse(Ok);

public sealed record CompleteUploadRequest(IReadOnlyList<UploadedFile> Files, string ChannelId, string? InitialComment = null);

public sealed record UploadedFile(string Id, string Title);

public sealed record UserResponse(bool Ok, SlackUser User) : SlackResponse(Ok);

public sealed record SlackUser(string Id, string? Name, string? RealName, SlackUserProfile? Profile);

public sealed record SlackUserProfile(string? DisplayName, string? RealName);
