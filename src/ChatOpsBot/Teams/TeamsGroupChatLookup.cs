using System.Net;
using System.Text.Json.Serialization;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Messages;
using Refit;

namespace ChatOpsBot.Teams;

/// <summary>
/// A private incident's room is a group chat Graph created (POST /chats) with the incident's people and the room's
/// name as its topic. The app is not a member of it, and Graph lists chats for an application only per person
/// (GET /users/{id}/chats, Chat.ReadBasic.All), so a lost answer is found again among the declarer's chats: the
/// one filtered on that exact topic, adopted if it is a group chat and the topic names the incident. The bot posts
/// there only once its app is installed, which the crash may have cut short, so the adopted chat gets it again.
/// </summary>
public sealed partial class TeamsChatPlatform
{
    private async Task<ConversationRef?> LookUpGroupChatAsync(string name, int incidentNumber, CancellationToken cancellationToken)
    {
        // The declarer comes first and was in the chat from its creation.
        if ((await AadIdsOfParticipantsAsync(incidentNumber, cancellationToken)) is not [var declarer, ..])
        {
            return null;
        }

        var topic = TeamsText.Cut(name, 250);
        GraphChat? found = null;
        string? skipToken = null;
        for (var page = 0; page < MaxLookupPages; page++)
        {
            var chats = await graph.ListChatsOfAsync(declarer, $"topic eq '{ODataQuoted(topic)}'", skipToken, cancellationToken);
            foreach (var chat in chats?.Value ?? [])
            {
                if (chat is { Id.Length: > 0, ChatType: "group" } && string.Equals(chat.Topic, topic, StringComparison.Ordinal)
                    && ChannelOwnership.NamesIncident(chat.Topic, incidentNumber) && (found is null || chat.CreatedDateTime < found.CreatedDateTime))
                {
                    found = chat;
                }
            }

            if ((skipToken = SkipToken(chats?.NextLink)) is null)
            {
                break;
            }
        }

        if (found is null)
        {
            return null;
        }

        await InstallAppAgainAsync(found.Id!, cancellationToken);
        return Conversation(found.Id!, name);
    }

    private async Task InstallAppAgainAsync(string chatId, CancellationToken cancellationToken)
    {
        if (options.Value.CatalogAppId is not { Length: > 0 })
        {
            return;
        }

        try
        {
            await InstallAppAsync(chatId, cancellationToken);
        }
        catch (ApiException ex) when (ex.StatusCode == HttpStatusCode.Conflict)
        {
            // Installed before the crash: what is there is what the chat needs.
        }
    }
}

public sealed record GraphChatList(IReadOnlyList<GraphChat>? Value, [property: JsonPropertyName("@odata.nextLink")] string? NextLink = null);

public sealed record GraphChat(string? Id, string? Topic, string? ChatType, DateTimeOffset? CreatedDateTime = null);
