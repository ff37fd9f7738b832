using ChatOpsBot.Core.Messages;

namespace ChatOpsBot.Slack;

/// <summary>
/// Finds the incident channel a conversations.create opened when the host died before recording the answer, so the
/// retry adopts it instead of getting name_taken and opening "…-2". The intent records only the name (the id comes
/// with the answer that was lost), so the lookup is conversations.list, page by page, for that exact name. A channel
/// of that name is ours if its purpose or topic names the incident, or if this bot created it (auth.test): right
/// after a create nothing has set a purpose or topic yet, and the name itself carries the incident number.
/// </summary>
public static class SlackChannelLookup
{
    // Slack's maximum page size; fewer pages of a Tier 2 method in a big workspace.
    private const int PageSize = 1000;

    // A workspace with more channels than this is not searched to its end; the retry then opens a new channel.
    private const int MaxPages = 50;

    public static async Task<SlackConversation?> FindAsync(ISlackApi slack, string name, int incidentNumber, CancellationToken cancellationToken)
    {
        string? cursor = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var list = await slack.ListConversationsAsync("public_channel,private_channel", "true", PageSize, cursor, cancellationToken);
            if (list.Channels?.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal) && !c.IsArchived) is { } channel)
            {
                return ChannelOwnership.NamesIncident(channel.Purpose?.Value, incidentNumber) || ChannelOwnership.NamesIncident(channel.Topic?.Value, incidentNumber)
                    || channel.Creator is { Length: > 0 } creator && creator == (await slack.AuthTestAsync(cancellationToken)).UserId
                    ? channel
                    : null;
            }

            cursor = list.ResponseMetadata?.NextCursor;
            if (string.IsNullOrEmpty(cursor))
            {
                return null;
            }
        }

        return null;
    }
}

public sealed record ConversationListResponse(bool Ok, IReadOnlyList<SlackConversation>? Channels, SlackResponseMetadata? ResponseMetadata) : SlackResponse(Ok);

public sealed record SlackResponseMetadata(string? NextCursor);

/// <summary>A channel as conversations.list describes it; purpose and topic are objects with a value.</summary>
public sealed record SlackConversation(string Id, string? Name, string? Creator = null, bool IsArchived = false, SlackChannelText? Purpose = null, SlackChannelText? Topic = null);

public sealed record SlackChannelText(string? Value);

public sealed record AuthTestResponse(bool Ok, string? UserId) : SlackResponse(Ok);
