using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Messages;

namespace ChatOpsBot.Teams;

/// <summary>
/// Finds the incident channel a Graph create opened when the host died before recording the answer, so the retry
/// adopts it instead of opening "…-2": GET /teams/{id}/channels filtered on the exact display name, adopted if its
/// description names the incident (the bot's own description at creation names the channel, which carries the number;
/// later the description is the incident's status line). Threads (Teams:ChannelMode thread) and private incidents'
/// group chats have no name to look up; they answer null and are opened again.
/// </summary>
public sealed partial class TeamsChatPlatform
{
    public Task<ConversationRef?> FindIncidentChannelAsync(string name, int incidentNumber, CancellationToken cancellationToken) =>
        TeamsFailures.GuardAsync(() => LookUpChannelAsync(name, incidentNumber, cancellationToken), cancellationToken);

    private async Task<ConversationRef?> LookUpChannelAsync(string name, int incidentNumber, CancellationToken cancellationToken)
    {
        if (options.Value.ChannelMode != TeamsChannelMode.Channel || options.Value.TeamId is not { Length: > 0 } team)
        {
            return null;
        }

        // The name as OpenChannelAsync cut it to Teams' length; OData quotes a quote by doubling it.
        var displayName = name.Length <= MaxChannelName ? name : name[..MaxChannelName].TrimEnd('-');
        var channels = await graph.ListChannelsAsync(team, $"displayName eq '{displayName.Replace("'", "''", StringComparison.Ordinal)}'", cancellationToken);
        return channels?.Value?.FirstOrDefault(c => string.Equals(c.DisplayName, displayName, StringComparison.Ordinal)
                && c.Id is { Length: > 0 } && ChannelOwnership.NamesIncident(c.Description, incidentNumber)) is { } channel
            ? Conversation(channel.Id!, channel.DisplayName)
            : null;
    }
}

public sealed record GraphChannelList(IReadOnlyList<GraphChannel>? Value);

public sealed record GraphChannel(string? Id, string? DisplayName, string? Description);
