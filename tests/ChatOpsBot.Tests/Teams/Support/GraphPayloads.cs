using System.Text.Json.Nodes;

namespace ChatOpsBot.Tests.Teams.Support;

/// <summary>
/// Graph answers shaped as Microsoft documents them, for the lookups after a lost create answer.
/// chatMessage (channel root posts): https://learn.microsoft.com/en-us/graph/api/channel-list-messages (Example 1: a
/// person's message, from.user, "replyToId": null, channelIdentity, "@odata.nextLink" with $skiptoken) and
/// https://learn.microsoft.com/en-us/graph/api/chatmessage-get (a bot's card message: from.application with
/// "applicationIdentityType": "bot", the body only an &lt;attachment id&gt; tag, the card as a JSON string in
/// attachments[].content). chat: https://learn.microsoft.com/en-us/graph/api/chat-list (Example 1).
/// </summary>
public static class GraphPayloads
{
    public const string OtherAppId = "877192bd-9183-47d3-a74c-8aa0426716cf";

    /// <summary>A root post by an app (a bot) carrying one Adaptive Card whose only text block is <paramref name="cardText"/>.</summary>
    public static JsonObject BotCardPost(string id, string appId, string cardText, string createdDateTime = "2026-01-01T00:00:01.000Z", string? replyToId = null)
    {
        var attachment = "a7bda643d32b4541b74ec1f4ace7f391";
        var card = new JsonObject
        {
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["type"] = "AdaptiveCard",
            ["version"] = "1.5",
            ["body"] = new JsonArray(new JsonObject { ["type"] = "TextBlock", ["text"] = cardText, ["wrap"] = true }),
        };
        var message = Message(id, createdDateTime, replyToId, Application(appId), $"<attachment id=\"{attachment}\"></attachment>");
        message["attachments"] = new JsonArray(new JsonObject
        {
            ["id"] = attachment,
            ["contentType"] = "application/vnd.microsoft.card.adaptive",
            ["contentUrl"] = null,
            ["content"] = card.ToJsonString(),
            ["name"] = null,
            ["thumbnailUrl"] = null,
        });
        return message;
    }

    /// <summary>A root post by an app whose text is in the HTML body, no card.</summary>
    public static JsonObject BotTextPost(string id, string appId, string html, string createdDateTime = "2026-01-01T00:00:01.000Z") =>
        Message(id, createdDateTime, null, Application(appId), html);

    /// <summary>A person's root post, as in Microsoft's first example.</summary>
    public static JsonObject PersonPost(string id, string html, string createdDateTime = "2026-01-01T00:00:00.500Z") =>
        Message(id, createdDateTime, null, new JsonObject
        {
            ["application"] = null,
            ["device"] = null,
            ["user"] = new JsonObject { ["id"] = "8ea0e38b-efb3-4757-924a-5f94061cf8c2", ["displayName"] = "Robin Kline", ["userIdentityType"] = "aadUser" },
        }, html);

    /// <summary>A page of channel messages; with <paramref name="skipToken"/>, an @odata.nextLink to the next page.</summary>
    public static string MessagePage(string? skipToken, params JsonObject[] messages)
    {
        var page = new JsonObject
        {
            ["@odata.context"] = $"https://graph.microsoft.com/v1.0/$metadata#teams('{FakeTeams.TeamId}')/channels('{Uri.EscapeDataString(FakeTeams.IncidentsChannel)}')/messages",
            ["@odata.count"] = messages.Length,
        };
        if (skipToken is not null)
        {
            page["@odata.nextLink"] = $"https://graph.microsoft.com/v1.0/teams/{FakeTeams.TeamId}/channels/{FakeTeams.IncidentsChannel}/messages?$skiptoken={Uri.EscapeDataString(skipToken)}";
        }

        page["value"] = new JsonArray([.. messages]);
        return page.ToJsonString();
    }

    /// <summary>A user's chats, as GET /users/{id}/chats answers.</summary>
    public static string ChatList(params (string Id, string? Topic, string ChatType)[] chats) => new JsonObject
    {
        ["@odata.context"] = "https://graph.microsoft.com/v1.0/$metadata#chats",
        ["@odata.count"] = chats.Length,
        ["value"] = new JsonArray([.. chats.Select(c => (JsonNode)new JsonObject
        {
            ["id"] = c.Id,
            ["topic"] = c.Topic,
            ["createdDateTime"] = "2026-01-01T00:00:01.000Z",
            ["lastUpdatedDateTime"] = "2026-01-01T00:00:02.000Z",
            ["chatType"] = c.ChatType,
        })]),
    }.ToJsonString();

    private static JsonObject Application(string appId) => new()
    {
        ["device"] = null,
        ["user"] = null,
        ["conversation"] = null,
        ["application"] = new JsonObject { ["id"] = appId, ["displayName"] = "ChatOpsBot", ["applicationIdentityType"] = "bot" },
    };

    private static JsonObject Message(string id, string createdDateTime, string? replyToId, JsonObject from, string html) => new()
    {
        ["id"] = id,
        ["replyToId"] = replyToId,
        ["etag"] = id,
        ["messageType"] = "message",
        ["createdDateTime"] = createdDateTime,
        ["lastModifiedDateTime"] = createdDateTime,
        ["lastEditedDateTime"] = null,
        ["deletedDateTime"] = null,
        ["subject"] = null,
        ["summary"] = null,
        ["chatId"] = null,
        ["importance"] = "normal",
        ["locale"] = "en-us",
        ["webUrl"] = $"https://teams.microsoft.com/l/message/{Uri.EscapeDataString(FakeTeams.IncidentsChannel)}/{id}?groupId={FakeTeams.TeamId}&tenantId={FakeTeams.TenantId}&createdTime={id}&parentMessageId={id}",
        ["policyViolation"] = null,
        ["eventDetail"] = null,
        ["from"] = from,
        ["body"] = new JsonObject { ["contentType"] = "html", ["content"] = html },
        ["channelIdentity"] = new JsonObject { ["teamId"] = FakeTeams.TeamId, ["channelId"] = FakeTeams.IncidentsChannel },
        ["attachments"] = new JsonArray(),
        ["mentions"] = new JsonArray(),
        ["reactions"] = new JsonArray(),
    };
}
