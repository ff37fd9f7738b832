using System.Collections.Concurrent;
using System.Text.Json;
using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Teams;

/// <summary>
/// How the Bot Connector reaches a conversation or a person: the serviceUrl (a regional address), the conversation
/// id and the tenant, plus a person's Entra object id (Graph wants it to add them to a chat or a private channel).
/// </summary>
public sealed record TeamsReference(string ServiceUrl, string? ConversationId = null, string? TenantId = null)
{
    public string? AadObjectId { get; init; }
}

/// <summary>
/// Conversation references in the incident store, so every replica (and this one after a restart) posts where Teams
/// said a conversation lives and can message a person it never heard from itself. They are learned from activities
/// only after the token's serviceurl claim matched, and from conversations the bot created. Saved only when they
/// change; a replica's copy in memory spares the store a read per outbound call. The store failing never fails an
/// activity or a post: the caller falls back to the configured global address, which serves every region.
/// </summary>
public sealed partial class TeamsReferences(IIncidentStore store, ILogger<TeamsReferences> logger)
{
    /// <summary>The serviceUrl the bot heard from last, for conversations it knows nothing about (a channel Graph created).</summary>
    public const string LatestKey = "latest";

    /// <summary>How long an activity waits for its references to be saved before it is handled anyway.</summary>
    public static readonly TimeSpan SaveBudget = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<string, TeamsReference> _known = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _unsaved = new(StringComparer.Ordinal);

    public static string ConversationKey(string conversationId) => $"conversation:{TeamsConversation.Bare(conversationId)}";

    public static string UserKey(string userId) => $"user:{userId}";

    /// <summary>
    /// Everything an authenticated activity says about where its conversation and its sender are. Waits for the store
    /// at most <see cref="SaveBudget"/>: the activity must be acknowledged within the connector's 15 seconds even when
    /// the store is down, and the saves carry on (this replica already has the references in memory).
    /// </summary>
    public async Task LearnAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (Normalized(activity.ServiceUrl) is not { } serviceUrl)
        {
            return;
        }

        var tenant = activity.Conversation?.TenantId ?? activity.ChannelData?.Tenant?.Id;
        var saves = new List<Task> { RememberAsync(LatestKey, new TeamsReference(serviceUrl, TenantId: tenant), CancellationToken.None) };
        if (activity.Conversation?.Id is { Length: > 0 } conversation)
        {
            saves.Add(RememberAsync(ConversationKey(conversation), new TeamsReference(serviceUrl, TeamsConversation.Bare(conversation), tenant), CancellationToken.None));
        }

        if (activity.From is { Id: { Length: > 0 } user } from && TeamsChatPlatform.IsUserId(user))
        {
            var before = _known.GetValueOrDefault(UserKey(user));
            var personal = activity.Conversation?.ConversationType == "personal" ? activity.Conversation.Id : null;
            saves.Add(RememberAsync(UserKey(user), new TeamsReference(serviceUrl, personal ?? before?.ConversationId, tenant ?? before?.TenantId)
            {
                AadObjectId = from.AadObjectId is { Length: > 0 } aad ? aad : before?.AadObjectId,
            }, CancellationToken.None));
        }

        try
        {
            await Task.WhenAll(saves).WaitAsync(SaveBudget, cancellationToken);
        }
        catch (TimeoutException)
        {
            LogSaveSlow(logger);
        }
    }

    /// <summary>Where a conversation the bot created lives (the Bot Connector names its serviceUrl when it differs).</summary>
    public Task RememberConversationAsync(string conversationId, string? serviceUrl, string? tenantId, CancellationToken cancellationToken) =>
        Normalized(serviceUrl) is { } url
            ? RememberAsync(ConversationKey(conversationId), new TeamsReference(url, TeamsConversation.Bare(conversationId), tenantId), cancellationToken)
            : Task.CompletedTask;

    public async Task<TeamsReference?> FindAsync(string key, CancellationToken cancellationToken)
    {
        if (_known.TryGetValue(key, out var known))
        {
            return known;
        }

        try
        {
            if (await store.FindConversationReferenceAsync(TeamsChatPlatform.PlatformName, key, cancellationToken) is not { } json)
            {
                return null;
            }

            var found = JsonSerializer.Deserialize<TeamsReference>(json, TeamsJson.Options);
            if (found is not null)
            {
                _known.TryAdd(key, found);
            }

            return found;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogReadFailed(logger, ex);
            return null;
        }
    }

    private async Task RememberAsync(string key, TeamsReference reference, CancellationToken cancellationToken)
    {
        if (_known.TryGetValue(key, out var known) && known == reference && !_unsaved.ContainsKey(key))
        {
            return;
        }

        _known[key] = reference;
        try
        {
            await store.SaveConversationReferenceAsync(TeamsChatPlatform.PlatformName, key, JsonSerializer.Serialize(reference, TeamsJson.Options), cancellationToken);
            _unsaved.TryRemove(key, out _);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Kept in memory, so this replica still posts there; the next activity saying the same tries the store again.
            _unsaved[key] = true;
            LogSaveFailed(logger, ex);
        }
    }

    private static string? Normalized(string? serviceUrl) =>
        Uri.TryCreate(serviceUrl, UriKind.Absolute, out var url) && url.Scheme is "https" or "http"
            ? (url.AbsoluteUri.EndsWith('/') ? url.AbsoluteUri : url.AbsoluteUri + "/")
            : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Saving a Teams conversation reference failed; it is kept in this replica's memory only")]
    private static partial void LogSaveFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Saving Teams conversation references is slow; handling the activity without waiting")]
    private static partial void LogSaveSlow(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading a Teams conversation reference failed; using the configured Teams:ServiceUrl")]
    private static partial void LogReadFailed(ILogger logger, Exception exception);
}
