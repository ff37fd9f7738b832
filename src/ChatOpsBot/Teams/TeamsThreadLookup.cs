using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Messages;

namespace ChatOpsBot.Teams;

/// <summary>
/// Thread mode: the incident's room is a root post in Teams:IncidentsChannelId (<see cref="ThreadRoot"/>), and a
/// thread's conversation id is "&lt;channel&gt;;messageid=&lt;root post id&gt;", the root post's id being its Graph
/// chatMessage id. A lost answer is found again in the channel's recent root posts (Graph
/// GET /teams/{id}/channels/{id}/messages, newest first, paged by @odata.nextLink): the one this bot's app posted
/// (from.application.id is Teams:AppId) whose text is a thread root of this incident. The oldest such post wins, so
/// a channel that already has two keeps the one people saw first.
/// </summary>
public sealed partial class TeamsChatPlatform
{
    /// <summary>The post that opens an incident's thread: the room's name, which carries the incident number.</summary>
    private static ChatMessage ThreadRoot(string name) => new($"🚨 {ChatText.Inert(name)}");

    private async Task<ConversationRef?> LookUpThreadAsync(string name, int incidentNumber, CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (o.IncidentsChannelId is not { Length: > 0 } channel)
        {
            return null;
        }

        if (o.TeamId is not { Length: > 0 } team)
        {
            LogThreadLookupNeedsTeam(logger, incidentNumber);
            return null;
        }

        GraphChatMessage? root = null;
        string? skipToken = null;
        for (var page = 0; page < MaxLookupPages; page++)
        {
            var messages = await graph.ListChannelMessagesAsync(team, channel, LookupPageSize, skipToken, cancellationToken);
            foreach (var message in messages?.Value ?? [])
            {
                if (IsThreadRootOf(message, o.AppId, incidentNumber) && (root is null || message.CreatedDateTime < root.CreatedDateTime))
                {
                    root = message;
                }
            }

            if ((skipToken = SkipToken(messages?.NextLink)) is null)
            {
                break;
            }
        }

        if (root is null)
        {
            return null;
        }

        var id = TeamsConversation.Thread(channel, root.Id!);
        var serviceUrl = await connector.ServiceUrlForAsync(channel, cancellationToken);
        await references.RememberConversationAsync(id, serviceUrl.AbsoluteUri, o.TenantId, cancellationToken);
        return Conversation(id, name);
    }

    /// <summary>
    /// A root post (not a reply, not deleted, not a system event) by this bot whose card or text is a
    /// <see cref="ThreadRoot"/> of the incident: nothing but the siren before one word, a channel name of the incident
    /// ("inc-7" or "inc-7-…", <see cref="ChannelOwnership"/>). An announcement such as "🚨 INC-8 · SEV2 · Same as
    /// INC-7" names INC-7 too, in the same channel when it is also the stakeholder channel, but is not a thread root.
    /// </summary>
    private static bool IsThreadRootOf(GraphChatMessage message, string? appId, int incidentNumber) =>
        message is { Id.Length: > 0, ReplyToId: null, DeletedDateTime: null, MessageType: null or "message" }
        && appId is { Length: > 0 } && string.Equals(message.From?.Application?.Id, appId, StringComparison.OrdinalIgnoreCase)
        && TextsOf(message).Any(text => IsRootText(text, incidentNumber));

    private static bool IsRootText(string text, int incidentNumber)
    {
        // Markup off (Graph's body is HTML), entities decoded, the card's Markdown escapes dropped.
        var plain = WebUtility.HtmlDecode(Markup().Replace(text, " ")).Replace("\\", "", StringComparison.Ordinal).Replace("\u200B", "", StringComparison.Ordinal).Trim();
        var space = plain.LastIndexOfAny([' ', '\u00A0', '\n', '\r', '\t']);
        var word = plain[(space + 1)..];
        return word.StartsWith("inc-", StringComparison.Ordinal) && !plain[..Math.Max(space, 0)].Any(char.IsLetterOrDigit)
            && ChannelOwnership.NamesIncident(word, incidentNumber);
    }

    /// <summary>The body, and the text blocks of any Adaptive Card attached (Graph gives a card as a JSON string).</summary>
    private static IEnumerable<string> TextsOf(GraphChatMessage message)
    {
        if (message.Body?.Content is { Length: > 0 } body)
        {
            yield return body;
        }

        foreach (var attachment in message.Attachments ?? [])
        {
            if (attachment.ContentType != TeamsJson.AdaptiveCard || attachment.Content is not { Length: > 0 } content)
            {
                continue;
            }

            JsonNode? card;
            try
            {
                card = JsonNode.Parse(content);
            }
            catch (JsonException)
            {
                continue;
            }

            foreach (var block in card?["body"]?.AsArray() ?? [])
            {
                if (block?["type"]?.GetValue<string>() == "TextBlock" && block["text"]?.GetValue<string>() is { } text)
                {
                    yield return text;
                }
            }
        }
    }

    [GeneratedRegex("<[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex Markup();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot look up the thread of incident {Number} after a lost answer: set Teams:TeamId to the team of Teams:IncidentsChannelId. Posting the thread again.")]
    private static partial void LogThreadLookupNeedsTeam(ILogger logger, int number);
}

/// <summary>A page of Graph chatMessages; @odata.nextLink is there while more pages are.</summary>
public sealed record GraphMessageList(IReadOnlyList<GraphChatMessage>? Value, [property: JsonPropertyName("@odata.nextLink")] string? NextLink = null);

public sealed record GraphChatMessage(
    string? Id,
    string? ReplyToId = null,
    string? MessageType = null,
    DateTimeOffset? CreatedDateTime = null,
    DateTimeOffset? DeletedDateTime = null,
    GraphIdentitySet? From = null,
    GraphItemBody? Body = null,
    IReadOnlyList<GraphAttachment>? Attachments = null);

public sealed record GraphIdentitySet(GraphIdentity? Application = null, GraphIdentity? User = null);

public sealed record GraphIdentity(string? Id, string? DisplayName = null);

public sealed record GraphItemBody(string? ContentType, string? Content);

public sealed record GraphAttachment(string? Id, string? ContentType, string? Content);
