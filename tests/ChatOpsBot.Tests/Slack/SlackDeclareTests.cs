using System.Net;
using System.Text.Json;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Tests.Slack.Support;
using ChatOpsBot.Tests.Support;

namespace ChatOpsBot.Tests.Slack;

/// <summary>Declaring through real HTTP, with WireMock playing Slack's Web API.</summary>
public sealed class SlackDeclareTests : IDisposable
{
    private readonly SlackBot _bot = new();

    [Fact]
    public async Task DeclaringByCommandOpensAChannelInvitesSetsTopicAndPurposePostsTheKickoffAndAnnounces()
    {
        var reply = await SlackBot.EphemeralTextAsync(await _bot.CommandAsync("declare sev2 Checkout failing"));
        Assert.Contains("Declared INC-1", reply, StringComparison.Ordinal);

        var incident = await _bot.WaitForChannelStepsAsync();
        Assert.Equal(SlackChannel(), incident.Channel);

        var created = Assert.Single(_bot.Slack.Calls("conversations.create"));
        Assert.Equal("inc-1-checkout-failing", created.GetProperty("name").GetString());
        Assert.False(created.GetProperty("is_private").GetBoolean());

        var invited = _bot.Slack.Calls("conversations.invite").SelectMany(c => c.GetProperty("users").GetString()!.Split(',')).ToList();
        Assert.Contains("U0ALICE", invited);
        Assert.Contains("U0ONCALL", invited);

        Assert.Equal("SEV2 · Investigating · IC: @alice", _bot.Slack.Calls("conversations.setTopic")[^1].GetProperty("topic").GetString());
        Assert.Equal("INC-1: Checkout failing", Assert.Single(_bot.Slack.Calls("conversations.setPurpose")).GetProperty("purpose").GetString());

        var posts = _bot.Slack.Calls("chat.postMessage");
        var kickoff = Assert.Single(posts, p => p.GetProperty("channel").GetString() == FakeSlack.IncidentChannel);
        var buttons = kickoff.GetProperty("blocks").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "actions")
            .GetProperty("elements").EnumerateArray().Select(e => e.GetProperty("text").GetProperty("text").GetString()).ToList();
        Assert.Equal(["Take commander", "Take scribe", "Change severity", "Post update", "Resolve"], buttons);
        var announcement = Assert.Single(posts, p => p.GetProperty("channel").GetString() == FakeSlack.Stakeholders);
        Assert.Contains("inc-1-checkout-failing", announcement.GetProperty("text").GetString(), StringComparison.Ordinal);

        Assert.All(_bot.Slack.Entries("chat.postMessage"), e => Assert.Equal("Bearer xoxb-test-token", e.RequestMessage.Headers!["Authorization"].Single()));
    }

    [Fact]
    public async Task APrivateIncidentGetsAPrivateChannelAndNoAnnouncement()
    {
        await _bot.DeclareAndWaitAsync("declare sev1 private Payroll export leaked");

        Assert.True(Assert.Single(_bot.Slack.Calls("conversations.create")).GetProperty("is_private").GetBoolean());
        Assert.DoesNotContain(_bot.Slack.Calls("chat.postMessage"), p => p.GetProperty("channel").GetString() == FakeSlack.Stakeholders);
        Assert.DoesNotContain(_bot.Slack.Calls("conversations.invite"), c => c.GetProperty("users").GetString()!.Contains("U0ONCALL", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DeclareWithoutATitleOpensTheModalAndItsSubmissionDeclaresWithTheChosenCommander()
    {
        var ack = await _bot.CommandAsync("declare", triggerId: "trigger-42");
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        var opened = Assert.Single(_bot.Slack.Calls("views.open"));
        Assert.Equal("trigger-42", opened.GetProperty("trigger_id").GetString());
        var view = opened.GetProperty("view");
        Assert.Equal("incident_declare", view.GetProperty("callback_id").GetString());

        _bot.Slack.Answer("users.info", """{"ok":true,"user":{"id":"U0BOB","name":"bob","profile":{"display_name":"Bob"}}}""");
        var submitted = await _bot.InteractAsync(DeclareSubmission(view.GetProperty("private_metadata").GetString()!, "Search is slow", "sev1", commander: "U0BOB"));

        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Equal("", await submitted.Content.ReadAsStringAsync()); // an empty 200 closes the modal
        var incident = await Eventually.Get(() => _bot.Incidents.Reader.GetAsync(1, default), i => i.Chat.IsAnnounced, "the modal's incident to be announced");
        Assert.Equal(("Search is slow", Severity.Sev1, "U0BOB", "Bob"), (incident.Title, incident.Severity, incident.Commander!.Id, incident.Commander.Name));
        Assert.Equal("inc-1-search-is-slow", Assert.Single(_bot.Slack.Calls("conversations.create")).GetProperty("name").GetString());
        Assert.Contains(_bot.Slack.Calls("conversations.invite"), c => c.GetProperty("users").GetString()!.Contains("U0BOB", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("", "sev1", "title_block")]
    [InlineData("Search is slow", null, "sev_block")]
    public async Task AnInvalidModalAnswersErrorsOnTheFieldAndDeclaresNothing(string title, string? severity, string block)
    {
        var response = await _bot.InteractAsync(DeclareSubmission("""{"channel":"C0OPS"}""", title, severity));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("errors", json.RootElement.GetProperty("response_action").GetString());
        Assert.True(json.RootElement.GetProperty("errors").TryGetProperty(block, out _));
        Assert.Empty(await _bot.Incidents.Reader.ListAsync(default));
    }

    [Fact]
    public async Task AKickoffButtonAssignsTheRoleToWhoeverPressedIt()
    {
        await _bot.DeclareAndWaitAsync();
        _bot.Slack.Answer("users.info", """{"ok":true,"user":{"id":"U0BOB","name":"bob","profile":{"display_name":"Bob"}}}""");

        var response = await _bot.InteractAsync(ButtonPress("U0BOB", "bob", "take-scribe", "/incident INC-1 scribe {me}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var incident = await _bot.Incidents.Reader.GetAsync(1, default);
        Assert.Equal("U0BOB", incident.Scribe?.Id);
        var ephemeral = await Eventually.Get(() => Task.FromResult(_bot.Slack.Calls("chat.postEphemeral")), c => c.Count > 0, "the button's ephemeral reply");
        Assert.Contains("scribe", ephemeral[0].GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AButtonThatNeedsWordsOpensASmallFormWhoseAnswerRunsTheCommand()
    {
        await _bot.DeclareAndWaitAsync();

        await _bot.InteractAsync(ButtonPress("U0ALICE", "alice", "change-severity", "/incident INC-1 severity "));
        var form = Assert.Single(_bot.Slack.Calls("views.open")).GetProperty("view");
        var response = await _bot.InteractAsync(new
        {
            type = "view_submission", user = new { id = "U0ALICE", name = "alice" },
            view = new
            {
                callback_id = "incident_command", private_metadata = form.GetProperty("private_metadata").GetString(),
                state = new { values = new { argument_block = new { argument = new { type = "plain_text_input", value = "sev1" } } } },
            },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Severity.Sev1, (await _bot.Incidents.Reader.GetAsync(1, default)).Severity);
        await Eventually.Get(() => Task.FromResult(_bot.Slack.Calls("conversations.setTopic")),
            t => t.Any(c => c.GetProperty("topic").GetString()!.StartsWith("SEV1", StringComparison.Ordinal)), "the topic to follow the severity");
    }

    internal static object ButtonPress(string user, string name, string actionId, string value) => new
    {
        type = "block_actions", trigger_id = Some.String("trigger-b"), user = new { id = user, name }, channel = new { id = FakeSlack.IncidentChannel },
        response_url = "https://hooks.invalid/never-called",
        actions = new[] { new { action_id = "incident_cmd:" + actionId, block_id = "incident_actions", value } },
    };

    private static object DeclareSubmission(string metadata, string title, string? severity, string? commander = null) => new
    {
        type = "view_submission", user = new { id = "U0ALICE", name = "alice" },
        view = new
        {
            callback_id = "incident_declare", private_metadata = metadata,
            state = new
            {
                values = new Dictionary<string, object>
                {
                    ["title_block"] = new { title = new { type = "plain_text_input", value = title } },
                    ["sev_block"] = new { severity = new { type = "static_select", selected_option = severity is null ? null : new { value = severity } } },
                    ["commander_block"] = new { commander = new { type = "users_select", selected_user = commander } },
                    ["private_block"] = new { @private = new { type = "checkboxes", selected_options = Array.Empty<object>() } },
                },
            },
        },
    };

    private static ConversationRef SlackChannel() => new("slack", FakeSlack.IncidentChannel, "inc-1-checkout-failing");

    public void Dispose() => _bot.Dispose();
}
