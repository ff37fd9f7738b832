using System.Text.Json;
using ChatOpsBot.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ChatOpsBot.Tests.Ai;

/// <summary>
/// The AI co-pilot against WireMock playing an OpenAI-compatible chat completions endpoint, through the console
/// API: the proposals appear in the draft marked as AI-written; a model that does not answer in time, or a private
/// incident, leaves the draft whole and without AI; an update reminder brings the commander a draft by DM only.
/// </summary>
public sealed class AiCopilotTests : IDisposable
{
    private const string Room = "inc-1-search-is-down";
    private const string ApiKey = "sk-test-not-a-real-key";

    private readonly WireMockServer _model = WireMockServer.Start();

    public void Dispose() => _model.Stop();

    [Fact]
    public async Task TheModelsSummaryImpactAndRewritesAppearInTheDraftMarkedAsAiWritten()
    {
        AnswerWith("""{"summary":"Search was down for 20 minutes after a config change; a rollback fixed it.","impact":"Search returned errors for all users from 09:00 to 09:20 UTC.","rewrites":["The failover runbook had no step for the replica, and Marco followed it."]}""");
        using var bot = Bot();
        var console = new ConsoleApiClient(bot.CreateClient());
        await DeclareAsync(console, "/incident declare sev2 Search is down");
        await console.SayExpectingOneReplyAsync("bob", Room, "/incident note Marco botched the failover.");
        await console.SayExpectingOneReplyAsync("alice", Room, "/incident resolve Rolled back the config.");
        await console.SayExpectingOneReplyAsync("alice", Room, "/incident close");
        await Eventually.Get(() => console.MessagesAsync(Room, "alice"), m => m.Any(x => x.Text.Contains("postmortem draft", StringComparison.Ordinal)), "the draft at close");

        var markdown = await console.Http.GetStringAsync("/api/incidents/1/postmortem");

        Assert.Contains("> 🤖 AI-written: the parts so marked were proposed by a language model from this timeline only.", markdown, StringComparison.Ordinal);
        Assert.Contains("> **🤖 AI-written summary (proposed, not checked):** Search was down for 20 minutes after a config change; a rollback fixed it.", markdown, StringComparison.Ordinal);
        Assert.Contains("> **🤖 AI-written impact (proposed, not checked):** Search returned errors for all users from 09:00 to 09:20 UTC.", markdown, StringComparison.Ordinal);
        Assert.Contains("| Marco botched the failover. | person judged by the verb | note by @bob", markdown, StringComparison.Ordinal);
        Assert.Contains("| The failover runbook had no step for the replica, and Marco followed it. |", markdown, StringComparison.Ordinal);
        // The compiled draft is all still there beside the proposals.
        Assert.Contains("Rolled back the config.", markdown, StringComparison.Ordinal);
        Assert.Contains("## Timeline", markdown, StringComparison.Ordinal);

        // Asked once, at close: reading the draft again reuses the answer while the timeline tells the same story.
        var request = Assert.Single(_model.LogEntries).RequestMessage;
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal($"Bearer {ApiKey}", request.Headers!["Authorization"].Single());
        using var body = JsonDocument.Parse(request.Body!);
        Assert.Equal("test-model", body.RootElement.GetProperty("model").GetString());
        var prompt = string.Join("\n", body.RootElement.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("content").GetString()));
        Assert.Contains("Marco botched the failover.", prompt, StringComparison.Ordinal);
        Assert.Contains("Incident INC-1: Search is down", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AModelThatDoesNotAnswerInTimeLeavesTheDraftWholeWithoutAi()
    {
        _model.Given(Request.Create().WithPath("/v1/chat/completions").UsingPost())
            .RespondWith(Response.Create().WithDelay(TimeSpan.FromSeconds(30)).WithHeader("Content-Type", "application/json").WithBody(Completion("{}")));
        using var bot = Bot(timeout: "00:00:01");
        var console = new ConsoleApiClient(bot.CreateClient());
        await DeclareAsync(console, "/incident declare sev2 Search is down");
        await console.SayExpectingOneReplyAsync("bob", Room, "/incident note Marco botched the failover.");
        await console.SayExpectingOneReplyAsync("alice", Room, "/incident resolve Rolled back the config.");
        await console.SayExpectingOneReplyAsync("alice", Room, "/incident close");

        var messages = await Eventually.Get(() => console.MessagesAsync(Room, "alice"),
            m => m.Any(x => x.Text.Contains("postmortem draft", StringComparison.Ordinal)), "the draft at close, without waiting for the model");
        var notice = messages.Last(m => m.Text.Contains("postmortem draft", StringComparison.Ordinal)).Text;
        Assert.Contains("1 sentence needs review before sharing", notice, StringComparison.Ordinal);

        var markdown = await console.Http.GetStringAsync("/api/incidents/1/postmortem");
        Assert.DoesNotContain("🤖", markdown, StringComparison.Ordinal);
        foreach (var section in (string[])["## Summary", "## Impact", "## Key times and durations", "## Timeline", "## Action items", "## Review before sharing"])
        {
            Assert.Contains(section, markdown, StringComparison.Ordinal);
        }

        Assert.Contains("| Marco botched the failover. | person judged by the verb |", markdown, StringComparison.Ordinal);
        Assert.Contains("Rolled back the config.", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APrivateIncidentIsNeverSentToTheModelUnlessConfigured()
    {
        AnswerWith("""{"summary":"should not appear","impact":"should not appear","rewrites":[]}""");
        using var bot = Bot();
        var console = new ConsoleApiClient(bot.CreateClient());
        await console.SayExpectingOneReplyAsync("alice", "general", "/incident declare sev2 private Payroll export leaked");
        var room = await Eventually.Get(() => console.ChannelsAsync("alice"), c => c.Any(x => x.Name.StartsWith("inc-1", StringComparison.Ordinal)), "the private channel");
        var channel = room.First(x => x.Name.StartsWith("inc-1", StringComparison.Ordinal)).Name;
        await console.SayExpectingOneReplyAsync("alice", channel, "/incident note Rotated the export key.");
        await console.SayExpectingOneReplyAsync("alice", channel, "/incident resolve Key rotated.");
        await console.SayExpectingOneReplyAsync("alice", channel, "/incident close");
        // The draft posted at close is the point where the model would have been asked.
        await Eventually.Get(() => console.MessagesAsync(channel, "alice"), m => m.Any(x => x.Text.Contains("postmortem draft", StringComparison.Ordinal)), "the draft at close");

        var markdown = await console.Http.GetStringAsync("/api/incidents/1/postmortem");

        Assert.DoesNotContain("should not appear", markdown, StringComparison.Ordinal);
        Assert.Empty(_model.LogEntries);
    }

    [Fact]
    public async Task AnUpdateReminderOffersTheCommanderAnAiDraftByDirectMessageAndPostsNothing()
    {
        AnswerWith("Search is degraded for all users since 09:00 UTC. We have rolled back the config and are watching error rates. Next update in 30 minutes.");
        using var bot = Bot(extra: new() { ["Reminders:StatusUpdate:Sev1"] = "00:00:02" });
        var console = new ConsoleApiClient(bot.CreateClient());
        await DeclareAsync(console, "/incident declare sev1 Search is down");

        var dm = await Eventually.Get(async () => (await console.ChannelsAsync("alice")).Any(c => c.Name == "dm-alice")
                ? await console.MessagesAsync("dm-alice", "alice") : [],
            m => m.Any(x => x.Text.Contains("AI-written draft", StringComparison.Ordinal)), "the draft in alice's DM");
        var draft = dm.First(x => x.Text.Contains("AI-written draft", StringComparison.Ordinal)).Text;
        Assert.Contains("Not posted", draft, StringComparison.Ordinal);
        Assert.Contains("We have rolled back the config", draft, StringComparison.Ordinal);

        // The reminder was posted before the draft was asked for, so the channel is already as it will stay.
        var channel = await console.MessagesAsync(Room, "alice");
        Assert.DoesNotContain(channel, m => m.Text.Contains("We have rolled back the config", StringComparison.Ordinal));
        var stakeholders = await console.MessagesAsync("incidents", "alice");
        Assert.DoesNotContain(stakeholders, m => m.Text.Contains("We have rolled back the config", StringComparison.Ordinal));
    }

    private BotFactory Bot(string timeout = "00:00:10", Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Ai:Endpoint"] = $"{_model.Url}/v1",
            ["Ai:Model"] = "test-model",
            ["Ai:ApiKey"] = ApiKey,
            ["Ai:Timeout"] = timeout,
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        return new BotFactory(settings);
    }

    private void AnswerWith(string content) =>
        _model.Given(Request.Create().WithPath("/v1/chat/completions").UsingPost())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(Completion(content)));

    /// <summary>A chat completion in the shape of the example in OpenAI's API reference ("chatcmpl-123").</summary>
    private static string Completion(string content) => JsonSerializer.Serialize(new
    {
        id = "chatcmpl-123",
        @object = "chat.completion",
        created = 1677652288,
        model = "test-model",
        choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
        usage = new { prompt_tokens = 9, completion_tokens = 12, total_tokens = 21 },
    });

    private static async Task DeclareAsync(ConsoleApiClient console, string command)
    {
        await console.SayExpectingOneReplyAsync("alice", "general", command);
        await Eventually.Get(() => console.ChannelsAsync("alice"), c => c.Any(x => x.Name == Room), "the incident channel");
        await Eventually.Get(() => console.MessagesAsync(Room, "alice"), m => m.Count > 0, "the kick-off message");
    }
}
