using System.Net;
using System.Text.Json;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Tests.Slack.Support;
using ChatOpsBot.Tests.Support;

namespace ChatOpsBot.Tests.Reliability;

/// <summary>
/// Within Slack's five-minute signature window an attacker (or a proxy retrying) can send the same signed request
/// again. Its trigger_id is its request key, so it runs once and the replay is answered as the original was.
/// </summary>
public sealed class ReplayedRequestTests : IDisposable
{
    private readonly SlackBot _bot = new();

    [Fact]
    public async Task AReplayedSignedSlashCommandAddsOneNoteAndAnswersTheSame()
    {
        await _bot.DeclareAndWaitAsync();
        var body = await SlackSigner.Form(
            ("team_id", "T1"), ("channel_id", FakeSlack.IncidentChannel), ("channel_name", "inc-1"), ("user_id", "U0ALICE"), ("user_name", "alice"),
            ("command", "/incident"), ("text", "note rolled back the deploy"), ("response_url", _bot.Slack.ResponseUrl),
            ("trigger_id", "13345224609.738474920.8088930838d88f008e0")).ReadAsStringAsync();
        var at = TimeProvider.System.GetUtcNow();

        var first = await SlackBot.EphemeralTextAsync(await _bot.Http.SendAsync(Signed("/slack/commands", body, at)));
        var replay = await SlackBot.EphemeralTextAsync(await _bot.Http.SendAsync(Signed("/slack/commands", body, at)));

        Assert.Equal("Noted on the INC-1 timeline.", first);
        Assert.Equal(first, replay);
        Assert.Single((await _bot.TimelineAsync()).OfType<NoteAdded>());
    }

    [Fact]
    public async Task AReplayedSignedUpdateFormPostsOneStatusUpdate()
    {
        await _bot.DeclareAndWaitAsync();
        // The "Post update" button's modal, submitted: Slack's view_submission carries its own trigger_id.
        var submission = JsonSerializer.Serialize(new
        {
            type = "view_submission", trigger_id = "13345224609.738474920.update", user = new { id = "U0ALICE", name = "alice" },
            view = new
            {
                callback_id = "incident_command",
                private_metadata = JsonSerializer.Serialize(new { channel = FakeSlack.IncidentChannel, command = "/incident INC-1 update " }),
                state = new { values = new Dictionary<string, object> { ["argument_block"] = new { argument = new { type = "plain_text_input", value = "Rolled back; errors falling" } } } },
            },
        });
        var body = await SlackSigner.Form(("payload", submission)).ReadAsStringAsync();
        var at = TimeProvider.System.GetUtcNow();

        var first = await _bot.Http.SendAsync(Signed("/slack/interactivity", body, at));
        var replay = await _bot.Http.SendAsync(Signed("/slack/interactivity", body, at));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Single((await _bot.TimelineAsync()).OfType<StatusUpdatePosted>());
    }

    private static HttpRequestMessage Signed(string path, string body, DateTimeOffset at) =>
        SlackSigner.SignedRequest(path, new StringContent(body, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"), at: at);

    public void Dispose() => _bot.Dispose();
}
