using Microsoft.Extensions.Options;
using Refit;

namespace ChatOpsBot.Teams;

/// <summary>
/// Bot Connector clients per serviceUrl. Every conversation names its serviceUrl (a regional address); the bot
/// learns it from the activities it receives (<see cref="TeamsReferences"/>, shared by the replicas through the
/// incident store). For a conversation nobody heard from yet (a channel just created through Graph) the serviceUrl
/// last heard is used, and before any activity at all the configured global address, which serves every region.
/// </summary>
public sealed class BotConnector(IHttpClientFactory httpClients, TeamsReferences references, IOptions<TeamsOptions> options)
{
    public const string HttpClientName = "TeamsBotConnector";

    private static readonly RefitSettings Settings = new(new SystemTextJsonContentSerializer(TeamsJson.Options));

    public async Task<Uri> ServiceUrlForAsync(string? conversationId, CancellationToken cancellationToken)
    {
        var reference = conversationId is null ? null : await references.FindAsync(TeamsReferences.ConversationKey(conversationId), cancellationToken);
        reference ??= await references.FindAsync(TeamsReferences.LatestKey, cancellationToken);
        return reference is not null ? new Uri(reference.ServiceUrl) : options.Value.ServiceUrl;
    }

    public async Task<IBotConnectorApi> ForAsync(string? conversationId, CancellationToken cancellationToken) =>
        For(await ServiceUrlForAsync(conversationId, cancellationToken));

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
