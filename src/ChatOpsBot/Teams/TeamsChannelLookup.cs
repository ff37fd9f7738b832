using System.Net;
using System.Web;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Messages;
using Refit;

namespace ChatOpsBot.Teams;

/// <summary>
/// Finds the incident room a create opened when its answer was lost (the host died, the gateway timed out), so the
/// retry adopts it instead of opening a second one. Whichever kind OpenChannelAsync would open is looked up:
/// <list type="bullet">
/// <item>a channel (Teams:ChannelMode channel): GET /teams/{id}/channels filtered on the exact display name, adopted if
/// its description names the incident (the bot's own description at creation names the channel, which carries the
/// number; later the description is the incident's status line);</item>
/// <item>a thread (Teams:ChannelMode thread): the incidents channel's recent root posts (TeamsThreadLookup.cs);</item>
/// <item>a private incident's group chat: the declarer's chats filtered on the topic (TeamsGroupChatLookup.cs).</item>
/// </list>
/// A lookup Graph does not permit (the app lacks the permission, or Teams:TeamId is not set in thread mode) answers
/// null with a warning, so the room is opened again rather than never.
/// </summary>
public sealed partial class TeamsChatPlatform
{
    // Graph's largest page of channel messages or chats is 50; ten pages reach far enough back for a create
    // that was in flight seconds or minutes ago, without reading a busy channel's whole history.
    private const int LookupPageSize = 50;
    private const int MaxLookupPages = 10;

    public Task<ConversationRef?> FindIncidentChannelAsync(string name, int incidentNumber, CancellationToken cancellationToken) =>
        TeamsFailures.GuardAsync(() => LookUpRoomAsync(name, incidentNumber, cancellationToken), cancellationToken);

    private async Task<ConversationRef?> LookUpRoomAsync(string name, int incidentNumber, CancellationToken cancellationToken)
    {
        try
        {
            if (await incidents.GetAsync(incidentNumber, cancellationToken) is { Exists: true, IsPrivate: true })
            {
                return await LookUpGroupChatAsync(name, incidentNumber, cancellationToken);
            }

            return options.Value.ChannelMode == TeamsChannelMode.Thread
                ? await LookUpThreadAsync(name, incidentNumber, cancellationToken)
                : await LookUpChannelAsync(name, incidentNumber, cancellationToken);
        }
        catch (ApiException ex) when (ex.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
        {
            LogLookupRefused(logger, incidentNumber, (int)ex.StatusCode, ex.RequestMessage?.RequestUri?.AbsolutePath);
            return null;
        }
    }

    private async Task<ConversationRef?> LookUpChannelAsync(string name, int incidentNumber, CancellationToken cancellationToken)
    {
        if (options.Value.TeamId is not { Length: > 0 } team)
        {
            return null;
        }

        // The name as OpenChannelAsync cut it to Teams' length; OData quotes a quote by doubling it.
        var displayName = name.Length <= MaxChannelName ? name : name[..MaxChannelName].TrimEnd('-');
        var channels = await graph.ListChannelsAsync(team, $"displayName eq '{ODataQuoted(displayName)}'", cancellationToken);
        return channels?.Value?.FirstOrDefault(c => string.Equals(c.DisplayName, displayName, StringComparison.Ordinal)
                && c.Id is { Length: > 0 } && ChannelOwnership.NamesIncident(c.Description, incidentNumber)) is { } channel
            ? Conversation(channel.Id!, channel.DisplayName)
            : null;
    }

    private static string ODataQuoted(string value) => value.Replace("'", "''", StringComparison.Ordinal);

    /// <summary>
    /// The next page's $skiptoken from an @odata.nextLink. Only the token is taken, never the address, so a page can
    /// send the bot's Graph token nowhere but Graph.
    /// </summary>
    private static string? SkipToken(string? nextLink) =>
        Uri.TryCreate(nextLink, UriKind.Absolute, out var next) && HttpUtility.ParseQueryString(next.Query)["$skiptoken"] is { Length: > 0 } token ? token : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Graph refused looking up the room of incident {Number} (HTTP {Status} on {Path}); opening it again. Check the app's Graph permissions (README, Teams).")]
    private static partial void LogLookupRefused(ILogger logger, int number, int status, string? path);
}

public sealed record GraphChannelList(IReadOnlyList<GraphChannel>? Value);

public sealed record GraphChannel(string? Id, string? DisplayName, string? Description);
