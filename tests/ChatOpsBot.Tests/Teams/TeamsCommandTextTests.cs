using System.Text.Json;
using ChatOpsBot.Core.Commands;
using ChatOpsBot.Teams;

namespace ChatOpsBot.Tests.Teams;

/// <summary>What the command parser gets from a Teams message: the bot's mention gone, people's mentions as ids.</summary>
public sealed class TeamsCommandTextTests
{
    // A channel message to a bot as Teams delivers it (shape of the msteams-docs channel-and-group-conversations
    // sample: conversation id with ;messageid=, channelData.channel/team/tenant, mention entities, clientInfo),
    // with the text and people changed for this bot.
    private const string ChannelMessage = """
        {
          "text": "<at>ChatOpsBot</at> incident INC-3 commander <at>Megan Bowen</at>&nbsp;",
          "textFormat": "plain",
          "type": "message",
          "timestamp": "2026-01-05T18:38:31.856Z",
          "localTimestamp": "2026-01-05T11:38:31.856-07:00",
          "id": "1767638311856",
          "channelId": "msteams",
          "serviceUrl": "https://smba.trafficmanager.net/amer/",
          "from": { "id": "29:17bUvCasIPKfQIXHvNzcPjD86fwm6GkWc1PvCGP2-NSkNb7AyGYpjQ7Xw-XgTwaHW5JxZ4KMNDxn1kcL8fwX1Nw", "name": "Rido", "aadObjectId": "b15a9416-0ad3-4172-9210-7beb711d3f70" },
          "conversation": { "isGroup": true, "conversationType": "channel", "tenantId": "50612dbb-0237-4969-b378-8d42590f9c00", "id": "19:6848757105754c8981c67612732d9aa7@thread.tacv2;messageid=1767638311856" },
          "recipient": { "id": "28:0b6fe6d1-fece-44f7-9a48-56465e2d5ab8", "name": "ChatOpsBot" },
          "entities": [
            { "mentioned": { "id": "28:0b6fe6d1-fece-44f7-9a48-56465e2d5ab8", "name": "ChatOpsBot" }, "text": "<at>ChatOpsBot</at>", "type": "mention" },
            { "mentioned": { "id": "29:1GcS4EyB_oSI8A88XmWBN7NJFyMqe3QGnJdgLfFGkJnVelzRGos0bPbpsfJjcbAD22bmKc4GMbrY2g4JDrrA8vM", "name": "Megan Bowen" }, "text": "<at>Megan Bowen</at>", "type": "mention" },
            { "locale": "en-US", "country": "US", "platform": "Web", "timezone": "America/Los_Angeles", "type": "clientInfo" }
          ],
          "channelData": {
            "teamsChannelId": "19:6848757105754c8981c67612732d9aa7@thread.tacv2",
            "teamsTeamId": "19:66P469zibfbsGI-_a0aN_toLTZpyzS6u7CT3TsXdgPw1@thread.tacv2",
            "channel": { "id": "19:6848757105754c8981c67612732d9aa7@thread.tacv2" },
            "team": { "id": "19:66P469zibfbsGI-_a0aN_toLTZpyzS6u7CT3TsXdgPw1@thread.tacv2" },
            "tenant": { "id": "50612dbb-0237-4969-b378-8d42590f9c00" }
          }
        }
        """;

    [Fact]
    public void TheBotsMentionIsDroppedAndAPersonBecomesAParsableMention()
    {
        var activity = JsonSerializer.Deserialize<Activity>(ChannelMessage, TeamsJson.Options)!;

        var text = TeamsCommandText.From(activity);

        var parsed = CommandParser.Parse(text);
        Assert.True(parsed.Succeeded, parsed.Error);
        var assign = Assert.IsType<AssignRoleCommand>(parsed.Command!.Command);
        Assert.Equal("29:1GcS4EyB_oSI8A88XmWBN7NJFyMqe3QGnJdgLfFGkJnVelzRGos0bPbpsfJjcbAD22bmKc4GMbrY2g4JDrrA8vM", assign.Assignee.Id);
        Assert.Equal("Megan Bowen", assign.Assignee.Name);
        Assert.Equal(3, parsed.Command.IncidentNumber);
    }

    [Theory]
    [InlineData("<p><at>ChatOpsBot</at> incident declare sev2 Checkout failing</p>", "declare sev2 Checkout failing")]
    [InlineData("<at>ChatOpsBot</at>&nbsp;/incident list", "list")]
    [InlineData("incident help", "help")]
    [InlineData("note the cache &amp; the DB are fine", "note the cache & the DB are fine")]
    public void HtmlEntitiesTheIncidentWordAndTheBotsMentionAreRemoved(string text, string expected)
    {
        var activity = new Activity
        {
            Text = text,
            Recipient = new ChannelAccount("28:bot"),
            Entities = [new System.Text.Json.Nodes.JsonObject { ["type"] = "mention", ["text"] = "<at>ChatOpsBot</at>", ["mentioned"] = new System.Text.Json.Nodes.JsonObject { ["id"] = "28:bot" } }],
        };

        Assert.Equal(expected, TeamsCommandText.From(activity));
    }
}
