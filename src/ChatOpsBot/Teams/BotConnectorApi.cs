using System.Text.Json.Nodes;
using Refit;

namespace ChatOpsBot.Teams;

/// <summary>
/// The Bot Connector REST operations the bot uses (Bot Framework Connector REST API reference), relative to a conversation's serviceUrl.
/// Refit escapes the conversation id (it holds ':', '@' and ';').
/// </summary>
public interface IBotConnectorApi
{
    [Post("/v3/conversations/{conversationId}/activities")]
    Task<ResourceResponse> SendAsync(string conversationId, [Body] JsonObject activity, CancellationToken cancellationToken);

    [Post("/v3/conversations/{conversationId}/activities/{activityId}")]
    Task<ResourceResponse> ReplyAsync(string conversationId, string activityId, [Body] JsonObject activity, CancellationToken cancellationToken);

    /// <summary>Replaces the whole activity: how the live card is updated in place.</summary>
    [Put("/v3/conversations/{conversationId}/activities/{activityId}")]
    Task<ResourceResponse> UpdateAsync(string conversationId, string activityId, [Body] JsonObject activity, CancellationToken cancellationToken);

    /// <summary>A 1:1 chat with a person, or a new thread in a channel.</summary>
    [Post("/v3/conversations")]
    Task<ConversationResourceResponse> CreateConversationAsync([Body] JsonObject parameters, CancellationToken cancellationToken);
}

public sealed record ResourceResponse(string? Id);

public sealed record ConversationResourceResponse(string? Id, string? ActivityId, string? ServiceUrl);

/// <summary>The few Microsoft Graph calls the bot makes: a channel per incident, a group chat per private one.</summary>
public interface ITeamsGraphApi
{
    [Post("/teams/{teamId}/channels")]
    Task<GraphResource> CreateChannelAsync(string teamId, [Body] JsonObject channel, CancellationToken cancellationToken);

    [Patch("/teams/{teamId}/channels/{channelId}")]
    Task UpdateChannelAsync(string teamId, string channelId, [Body] JsonObject changes, CancellationToken cancellationToken);

    [Post("/teams/{teamId}/channels/{channelId}/members")]
    Task AddChannelMemberAsync(string teamId, string channelId, [Body] JsonObject member, CancellationToken cancellationToken);

    [Post("/chats")]
    Task<GraphResource> CreateChatAsync([Body] JsonObject chat, CancellationToken cancellationToken);

    [Post("/chats/{chatId}/members")]
    Task AddChatMemberAsync(string chatId, [Body] JsonObject member, CancellationToken cancellationToken);

    [Post("/chats/{chatId}/installedApps")]
    Task InstallAppInChatAsync(string chatId, [Body] JsonObject app, CancellationToken cancellationToken);

    [Patch("/chats/{chatId}")]
    Task UpdateChatAsync(string chatId, [Body] JsonObject changes, CancellationToken cancellationToken);

    /// <summary>The team's channels matching an OData <paramref name="filter"/> (TeamsChannelLookup.cs).</summary>
    [Get("/teams/{teamId}/channels")]
    Task<GraphChannelList?> ListChannelsAsync(string teamId, [AliasAs("$filter")] string filter, CancellationToken cancellationToken);

    /// <summary>A channel's root messages, newest first, a page at a time (TeamsThreadLookup.cs).</summary>
    [Get("/teams/{teamId}/channels/{channelId}/messages")]
    Task<GraphMessageList?> ListChannelMessagesAsync(string teamId, string channelId, [AliasAs("$top")] int top,
        [AliasAs("$skiptoken")] string? skipToken, CancellationToken cancellationToken);

    /// <summary>A person's chats matching an OData <paramref name="filter"/>, a page at a time (TeamsGroupChatLookup.cs).</summary>
    [Get("/users/{userId}/chats")]
    Task<GraphChatList?> ListChatsOfAsync(string userId, [AliasAs("$filter")] string filter, [AliasAs("$skiptoken")] string? skipToken,
        CancellationToken cancellationToken);
}

public sealed record GraphResource(string? Id, string? DisplayName = null, string? WebUrl = null);
