using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Refit;

namespace ChatOpsBot.Teams;

/// <summary>
/// Bot Connector clients per serviceUrl. Every conversation names its serviceUrl (a regional address); the bot
/// learns it from the activities it receives, trusted only after the token's serviceurl claim matched. Before that
/// (after a restart, on another replica, for a channel created through Graph) the configured global address is used,
/// which serves every region.
/// </summary>
public sealed class BotConnector(IHttpClientFactory httpClients, IOptions<TeamsOptions> options)
{
    public const string HttpClientName = "TeamsBotConnector";

    private static readonly RefitSettings Settings = new(new SystemTextJsonContentSerializer(TeamsJson.Options));

    private readonly ConcurrentDictionary<string, Uri> _serviceUrls = new(StringComparer.Ordinal);
    private Uri? _latest;

    /// <summary>Remembers where <paramref name="conversationId"/> lives; called for authenticated activities only.</summary>
    public void Learn(string? conversationId, string? serviceUrl)
    {
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var url))
        {
            return;
        }

        url = serviceUrl!.EndsWith('/') ? url : new Uri(serviceUrl + "/");
        _latest = url;
        if (conversationId is not null)
        {
            _serviceUrls[TeamsConversation.Bare(conversationId)] = url;
        }
    }

    public Uri ServiceUrlFor(string? conversationId) =>
        conversationId is not null && _serviceUrls.TryGetValue(TeamsConversation.Bare(conversationId), out var url) ? url : _latest ?? options.Value.ServiceUrl;

    public IBotConnectorApi For(string? conversationId) => For(ServiceUrlFor(conversationId));

    public IBotConnectorApi For(Uri serviceUrl)
    {
        var http = httpClients.CreateClient(HttpClientName);
        http.BaseAddress = serviceUrl;
        return RestService.ForGenerated<IBotConnectorApi>(http, Settings);
    }
}

/// <summary>Teams conversation ids: a channel thread is "&lt;channel&gt;;messageid=&lt;root&gt;".</summary>
public static class TeamsConversation
{
    private const string MessageIdMarker = ";messageid=";

    public static string Bare(string conversationId)
    {
        var i = conversationId.IndexOf(MessageIdMarker, StringComparison.OrdinalIgnoreCase);
        return i < 0 ? conversationId : conversationId[..i];
    }

    public static string Thread(string channelId, string rootMessageId) => $"{channelId}{MessageIdMarker}{rootMessageId}";
}
