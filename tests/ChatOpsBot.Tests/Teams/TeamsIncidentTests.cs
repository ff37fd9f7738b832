using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Tests.Support;
using ChatOpsBot.Tests.Teams.Support;
using static ChatOpsBot.Tests.Teams.Support.TeamsBot;

namespace ChatOpsBot.Tests.Teams;

/// <summary>
/// The incident workflow on Teams end to end: the real host over HTTP, WireMock as the token endpoint, the OpenID
/// metadata and keys, the Bot Connector and Graph.
/// </summary>
public sealed class TeamsIncidentTests
{
    [Fact]
    public async Task DeclaringInAChannelCreatesTheIncidentChannelInTheTeamPostsTheKickoffCardAndAnnouncesIt()
    {
        using var bot = new TeamsBot();

        var incident = await bot.DeclareAndWaitAsync("incident declare sev2 Checkout failing");

        var created = Assert.Single(bot.Teams.Calls($"/graph/v1.0/teams/{FakeTeams.TeamId}/channels"), c => c.Method == "POST");
        Assert.Equal("inc-1-checkout-failing", created.Body.GetProperty("displayName").GetString());
        Assert.Equal(FakeTeams.IncidentChannel, incident.Channel!.Id);
        Assert.Equal("teams", incident.Channel.Platform);

        var kickoff = bot.Teams.SentTo(FakeTeams.IncidentChannel)[0];
        var card = Card(kickoff);
        Assert.Equal("1.5", card.GetProperty("version").GetString());
        Assert.Contains("INC-1", card.GetRawText(), StringComparison.Ordinal);
        Assert.Contains(card.GetProperty("actions").EnumerateArray(), a => a.GetProperty("title").GetString() == "Take commander" && a.GetProperty("type").GetString() == "Action.Execute");

        var announcement = Assert.Single(bot.Teams.SentTo(FakeTeams.Stakeholders));
        Assert.Contains("INC-1", Card(announcement).GetRawText(), StringComparison.Ordinal);

        // Outbound calls carry the client-credentials token, fetched once for the Bot Connector's scope.
        var connectorCall = bot.Teams.Entries("/connector/v3/conversations/")[0];
        Assert.Equal("Bearer fake-access-token", connectorCall.RequestMessage.Headers!["Authorization"].Single());
        Assert.Contains(bot.Teams.Entries("/token"), e => e.RequestMessage.Body!.Contains("scope=https%3A%2F%2Fapi.botframework.com%2F.default", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheAnswerToACommandTypedInAChannelComesAsAOneToOneMessage()
    {
        using var bot = new TeamsBot();

        await bot.DeclareAndWaitAsync();

        var chat = await Eventually.Get(() => Task.FromResult(bot.Teams.Calls("/connector/v3/conversations").Where(c => c.Path == "/connector/v3/conversations").ToList()),
            c => c.Count > 0, "the 1:1 chat");
        Assert.Equal(Alice.Id, chat[0].Body.GetProperty("members")[0].GetProperty("id").GetString());
        var reply = await Eventually.Get(() => Task.FromResult(bot.Teams.SentTo(FakeTeams.DirectChat)), r => r.Count > 0, "the reply");
        Assert.Contains("Declared INC-1 (SEV2): Checkout failing", reply[0].GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangingSeverityFromTheCardAnswersThePresserAndUpdatesTheKickoffCardInPlace()
    {
        using var bot = new TeamsBot();
        var incident = await bot.DeclareAndWaitAsync();

        var response = await bot.PostAsync(bot.Invoke("adaptiveCard/action",
            Execute("incident.command", new JsonObject { ["command"] = "/incident INC-1 severity ", ["actionId"] = "change-severity", ["argument"] = "sev1" })));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(200, answer["statusCode"]!.GetValue<int>());
        Assert.Equal("INC-1 is now SEV1.", answer["value"]!.GetValue<string>());
        var update = await Eventually.Get(() => Task.FromResult(bot.Teams.Updates().Where(u => u.Body.GetRawText().Contains("SEV1", StringComparison.Ordinal)).ToList()),
            u => u.Count > 0, "the kick-off card replaced with SEV1");
        Assert.Equal($"/connector/v3/conversations/{FakeTeams.IncidentChannel}/activities/{incident.Chat.KickoffMessageId}", update[0].Path);
    }

    [Fact]
    public async Task TakeCommanderOnTheCardMakesThePresserCommander()
    {
        using var bot = new TeamsBot();
        await bot.DeclareAndWaitAsync();

        var response = await bot.PostAsync(bot.Invoke("adaptiveCard/action",
            Execute("incident.command", new JsonObject { ["command"] = "/incident INC-1 commander {me}", ["actionId"] = "take-commander" }), from: Bob));

        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("@Bob Brown is now commander of INC-1.", answer["value"]!.GetValue<string>());
        var incident = await bot.Incidents.Reader.GetAsync(1, default);
        Assert.Equal(new Actor(Bob.Id, Bob.Name), incident.Commander);
    }

    [Fact]
    public async Task TheActionSubmitFallbackRunsTheSameCommand()
    {
        using var bot = new TeamsBot();
        await bot.DeclareAndWaitAsync();
        var submit = bot.Activity("message", Bob, FakeTeams.IncidentChannel + ";messageid=1767225600001", "channel");
        submit["value"] = new JsonObject { ["verb"] = "incident.command", ["command"] = "/incident INC-1 scribe {me}", ["actionId"] = "take-scribe" };

        var response = await bot.PostAsync(submit);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var incident = await Eventually.Get(() => bot.Incidents.Reader.GetAsync(1, default), i => i.Scribe is not null, "the scribe");
        Assert.Equal(Bob.Id, incident.Scribe!.Id);
    }

    [Fact]
    public async Task AMentionedPersonBecomesCommanderByTheirTeamsId()
    {
        using var bot = new TeamsBot();
        await bot.DeclareAndWaitAsync();

        await bot.PostAsync(bot.ChannelMessage($"incident INC-1 commander <at>{Bob.Name}</at>", conversation: FakeTeams.IncidentChannel, mentions: (Bob.Id, Bob.Name)));

        var incident = await Eventually.Get(() => bot.Incidents.Reader.GetAsync(1, default), i => i.Commander?.Id == Bob.Id, "Bob as commander");
        Assert.Equal(Bob.Name, incident.Commander!.Name);
    }

    [Fact]
    public async Task ADueStatusUpdateReminderMentionsTheCommanderWithAtAndAnEntity()
    {
        using var bot = new TeamsBot(new Dictionary<string, string?> { ["Reminders:StatusUpdate:Sev2"] = "00:00:02" });
        await bot.DeclareAndWaitAsync();

        var reminder = await Eventually.Get(() => Task.FromResult(bot.Teams.SentTo(FakeTeams.IncidentChannel).Where(a => a.GetRawText().Contains("Status update due", StringComparison.Ordinal)).ToList()),
            r => r.Count > 0, "the status update reminder");

        var card = Card(reminder[0]);
        Assert.Contains(Texts(card), t => t.StartsWith($"⏰ <at>{Alice.Name}</at>, a status update on INC-1 is due", StringComparison.Ordinal));
        var mention = Assert.Single(card.GetProperty("msteams").GetProperty("entities").EnumerateArray());
        Assert.Equal("mention", mention.GetProperty("type").GetString());
        Assert.Equal($"<at>{Alice.Name}</at>", mention.GetProperty("text").GetString());
        Assert.Equal(Alice.Id, mention.GetProperty("mentioned").GetProperty("id").GetString());
    }

    [Fact]
    public async Task ARedeliveredActivityRunsItsCommandOnce()
    {
        using var bot = new TeamsBot();
        await bot.DeclareAndWaitAsync();
        var note = bot.ChannelMessage("note DB failover started", conversation: FakeTeams.IncidentChannel);

        await bot.PostAsync(note);
        await Eventually.Get(async () => (await bot.TimelineAsync()).OfType<NoteAdded>().ToList(), n => n.Count > 0, "the first delivery's note");
        await bot.PostAsync(note.DeepClone());
        await bot.PostAsync(bot.ChannelMessage("note replica promoted", conversation: FakeTeams.IncidentChannel));

        // The later note is the drained signal: the redelivery, posted before it, has been handled by then.
        var notes = await Eventually.Get(async () => (await bot.TimelineAsync()).OfType<NoteAdded>().ToList(), n => n.Any(x => x.Text == "replica promoted"), "the later note");
        Assert.Single(notes, n => n.Text == "DB failover started");
    }

    [Fact]
    public async Task ANoteMentioningTheBotInTheIncidentChannelGoesOnTheTimeline()
    {
        using var bot = new TeamsBot();
        await bot.DeclareAndWaitAsync();

        await bot.PostAsync(bot.ChannelMessage("note DB failover started", conversation: FakeTeams.IncidentChannel));

        var note = await Eventually.Get(async () => (await bot.TimelineAsync()).OfType<NoteAdded>().ToList(), n => n.Count > 0, "the note");
        Assert.Equal("DB failover started", note[0].Text);
    }

    [Fact]
    public async Task TheMessageActionAddsTheChosenMessageWithItsAuthorAndTimeAndFollowsItsEditAndDeletion()
    {
        using var bot = new TeamsBot();
        await bot.DeclareAndWaitAsync();

        // The composeExtension/submitAction value of a message action: commandId, commandContext and the message
        // as messagePayload (shape from msteams-docs "Respond to the task module submit action", message actions).
        var value = JsonNode.Parse("""
            {
              "commandId": "addToTimeline",
              "commandContext": "message",
              "context": { "theme": "default" },
              "messagePayload": {
                "id": "1767225000123",
                "replyToId": null,
                "createdDateTime": "2025-12-31T23:50:00.000Z",
                "lastModifiedDateTime": null,
                "deleted": false,
                "summary": null,
                "importance": "normal",
                "locale": "en-us",
                "body": { "contentType": "html", "content": "<p>Rolled back <b>checkout-api</b> to v41</p>" },
                "from": { "device": null, "conversation": null, "user": { "userIdentityType": "aadUser", "id": "aad-0000-bob", "displayName": "Bob Brown" }, "application": null },
                "reactions": [],
                "mentions": [],
                "attachments": []
              }
            }
            """)!;
        var response = await bot.PostAsync(bot.Invoke("composeExtension/submitAction", value, from: Alice));

        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("📌 Added to the INC-1 timeline.", answer["task"]!["value"]!.GetValue<string>());
        var captured = (await bot.TimelineAsync()).OfType<MessageCaptured>().Single();
        Assert.Equal("Rolled back checkout-api to v41", captured.Text);
        Assert.Equal("Bob Brown", captured.Author.Name);
        Assert.Equal(DateTimeOffset.Parse("2025-12-31T23:50:00Z", System.Globalization.CultureInfo.InvariantCulture), captured.OccurredAt);
        Assert.Equal(Alice.Id, captured.Actor.Id);

        var edit = bot.Activity("messageUpdate", Bob, FakeTeams.IncidentChannel + ";messageid=1767225000123", "channel");
        edit["id"] = "1767225000123";
        edit["text"] = "<p>Rolled back checkout-api to v40</p>";
        edit["channelData"]!["eventType"] = "editMessage";
        await bot.PostAsync(edit);

        var edited = await Eventually.Get(async () => (await bot.TimelineAsync()).OfType<CapturedMessageEdited>().ToList(), e => e.Count > 0, "the edit");
        Assert.Equal("Rolled back checkout-api to v40", edited[0].Text);

        var delete = bot.Activity("messageDelete", Bob, FakeTeams.IncidentChannel + ";messageid=1767225000123", "channel");
        delete["id"] = "1767225000123";
        delete["channelData"]!["eventType"] = "softDeleteMessage";
        await bot.PostAsync(delete);

        await Eventually.Get(async () => (await bot.TimelineAsync()).OfType<CapturedMessageDeleted>().ToList(), d => d.Count > 0, "the deletion");
    }

    [Fact]
    public async Task APrivateIncidentBecomesAGroupChatOfItsPeopleAndIsNeverAnnounced()
    {
        using var bot = new TeamsBot();

        var incident = await bot.DeclareAndWaitAsync("incident declare sev2 private Payroll data exposed");

        Assert.Equal(FakeTeams.GroupChat, incident.Channel!.Id);
        var chat = Assert.Single(bot.Teams.Calls("/graph/v1.0/chats"), c => c.Path == "/graph/v1.0/chats");
        Assert.Equal("group", chat.Body.GetProperty("chatType").GetString());
        Assert.Contains("aad-0000-alice", chat.Body.GetProperty("members")[0].GetProperty("user@odata.bind").GetString(), StringComparison.Ordinal);
        Assert.Empty(bot.Teams.Calls($"/graph/v1.0/teams/{FakeTeams.TeamId}/channels"));
        Assert.NotEmpty(bot.Teams.SentTo(FakeTeams.GroupChat));
        // The kick-off is the private incident's last channel step: the plan has nothing left, announcing included.
        Assert.Empty(bot.Teams.SentTo(FakeTeams.Stakeholders));
        Assert.False(incident.Chat.IsAnnounced);
    }

    [Fact]
    public async Task ClosingPostsThePostmortemDraftInTheIncidentChannel()
    {
        using var bot = new TeamsBot();
        await bot.DeclareAndWaitAsync();

        await bot.PostAsync(bot.ChannelMessage("incident resolve Rolled back", conversation: FakeTeams.IncidentChannel));
        await Eventually.Get(() => bot.Incidents.Reader.GetAsync(1, default), i => i.Status == IncidentStatus.Resolved, "resolved");
        await bot.PostAsync(bot.ChannelMessage("incident close", conversation: FakeTeams.IncidentChannel));

        var incident = await Eventually.Get(() => bot.Incidents.Reader.GetAsync(1, default), i => i.Chat.IsPostmortemDrafted, "the postmortem draft");
        Assert.Contains(bot.Teams.SentTo(FakeTeams.IncidentChannel), a => a.GetRawText().Contains("postmortem", StringComparison.OrdinalIgnoreCase)
            && a.GetRawText().Contains("/api/incidents/1/postmortem", StringComparison.Ordinal));
        Assert.Equal(IncidentStatus.Closed, incident.Status);
    }

    [Fact]
    public async Task DeclareWithoutATitleAnswersWithTheDeclareFormAndItsSubmissionDeclares()
    {
        using var bot = new TeamsBot();

        await bot.PostAsync(bot.ChannelMessage("incident declare"));

        var form = await Eventually.Get(() => Task.FromResult(bot.Teams.Calls("/connector/v3/conversations/").Where(c => c.Body.GetRawText().Contains("Declare incident", StringComparison.Ordinal)).ToList()),
            f => f.Count > 0, "the declare form");
        Assert.Contains("\"Input.Text\"", form[0].Body.GetRawText(), StringComparison.Ordinal);
        var response = await bot.PostAsync(bot.Invoke("adaptiveCard/action",
            Execute("incident.declare", new JsonObject { ["title"] = "Search is down", ["severity"] = "sev1", ["summary"] = "All queries 500", ["private"] = "false" }),
            conversation: FakeTeams.OpsChannel));

        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.StartsWith("Declared INC-1 (SEV1): Search is down", answer["value"]!.GetValue<string>(), StringComparison.Ordinal);
        var incident = await bot.Incidents.Reader.GetAsync(1, default);
        Assert.Equal("All queries 500", incident.Description);
    }

    [Fact]
    public async Task InThreadModeAnIncidentIsANewThreadInTheIncidentsChannel()
    {
        using var bot = new TeamsBot(new Dictionary<string, string?>
        {
            ["Teams:ChannelMode"] = "thread",
            ["Teams:IncidentsChannelId"] = FakeTeams.IncidentsChannel,
        });

        var incident = await bot.DeclareAndWaitAsync();

        Assert.Equal(FakeTeams.IncidentThread, incident.Channel!.Id);
        var thread = bot.Teams.Calls("/connector/v3/conversations").First(c => c.Path == "/connector/v3/conversations" && c.Body.GetProperty("isGroup").GetBoolean());
        Assert.Equal(FakeTeams.IncidentsChannel, thread.Body.GetProperty("channelData").GetProperty("channel").GetProperty("id").GetString());
        Assert.NotEmpty(bot.Teams.SentTo(FakeTeams.IncidentThread));
        Assert.Empty(bot.Teams.Calls($"/graph/v1.0/teams/{FakeTeams.TeamId}/channels"));
    }

    private static IEnumerable<string> Texts(JsonElement card) =>
        card.GetProperty("body").EnumerateArray().Where(b => b.GetProperty("type").GetString() == "TextBlock").Select(b => b.GetProperty("text").GetString()!);

    private static JsonElement Card(JsonElement activity) =>
        activity.GetProperty("attachments")[0].GetProperty("content");
}
