using System.Net;
using ChatOpsBot.Tests.Support;

namespace ChatOpsBot.Tests.Postmortems;

/// <summary>
/// Through the console API on SQLite: the draft posted at close, the commander briefing at a handoff, and
/// stakeholder updates by DM to subscribers. Slack delivery (file upload) is the Slack adapter's, not tested here.
/// </summary>
public sealed class PostmortemDeliveryTests : IDisposable
{
    private const string Room = "inc-1-checkout-failing";

    private readonly BotFactory _bot;
    private readonly ConsoleApiClient _console;

    public PostmortemDeliveryTests()
    {
        _bot = new BotFactory();
        _console = new ConsoleApiClient(_bot.CreateClient());
    }

    [Fact]
    public async Task ClosingPostsTheDraftWithItsLinkInTheChannelAndRecordsPostmortemDrafted()
    {
        await DeclareAsync("/incident declare sev1 Checkout failing");
        await _console.SayExpectingOneReplyAsync("bob", Room, "/incident note Bob forgot to enable the flag");
        await _console.SayExpectingOneReplyAsync("alice", Room, "/incident resolve Rolled back the deploy");
        await _console.SayExpectingOneReplyAsync("alice", Room, "/incident close");

        var messages = await Eventually.Get(() => _console.MessagesAsync(Room, "alice"),
            m => m.Any(x => x.Text.Contains("postmortem draft", StringComparison.Ordinal)), "the postmortem draft message");
        var notice = messages.Last(m => m.Text.Contains("postmortem draft", StringComparison.Ordinal)).Text;
        Assert.Contains("/api/incidents/1/postmortem", notice, StringComparison.Ordinal);
        Assert.Contains("1 sentence needs review before sharing", notice, StringComparison.Ordinal);

        var events = await Eventually.Get(() => _console.EventsAsync(1), e => e.Any(x => Type(x) == "PostmortemDrafted"), "PostmortemDrafted on the timeline");
        Assert.Single(events, e => Type(e) == "PostmortemDrafted");
        Assert.Equal(Room, events.Single(e => Type(e) == "PostmortemDrafted").GetProperty("channel").GetProperty("id").GetString());

        using var draft = await _console.Http.GetAsync("/api/incidents/1/postmortem");
        Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
        Assert.Equal("text/markdown", draft.Content.Headers.ContentType!.MediaType);
        var markdown = await draft.Content.ReadAsStringAsync();
        Assert.StartsWith("# Postmortem draft: INC-1 — Checkout failing", markdown, StringComparison.Ordinal);
        Assert.Contains("| Bob forgot to enable the flag | person judged by the verb |", markdown, StringComparison.Ordinal);
        Assert.Contains("Rolled back the deploy", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASubscriberGetsEachStatusUpdateByDirectMessageUntilTheyUnsubscribe()
    {
        await DeclareAsync("/incident declare sev2 Checkout failing");
        var subscribed = await _console.SayExpectingOneReplyAsync("frank", "general", "/incident subscribe INC-1");
        Assert.Contains("direct message", subscribed, StringComparison.Ordinal);

        await _console.SayExpectingOneReplyAsync("alice", Room, "/incident update Rolled back; <b>errors</b> falling | 🔥");

        var dm = await Eventually.Get(async () => (await _console.ChannelsAsync("frank")).Any(c => c.Name == "dm-frank")
                ? await _console.MessagesAsync("dm-frank", "frank") : [],
            m => m.Count > 0, "frank's DM");
        Assert.Contains("Rolled back; <b>errors</b> falling | 🔥", dm[0].Text, StringComparison.Ordinal);
        Assert.Contains("INC-1", dm[0].Text, StringComparison.Ordinal);
        Assert.DoesNotContain(await _console.ChannelsAsync("bob"), c => c.Name == "dm-frank");
        await Eventually.Get(() => _console.MessagesAsync("incidents"), m => m.Any(x => x.Text.Contains("Rolled back;", StringComparison.Ordinal)),
            "the update in the stakeholder channel");

        Assert.Contains("no longer", await _console.SayExpectingOneReplyAsync("frank", "general", "/incident unsubscribe INC-1"), StringComparison.Ordinal);
        await _console.SayExpectingOneReplyAsync("alice", Room, "/incident update Second update");
        await Eventually.Get(() => _console.MessagesAsync("incidents"), m => m.Any(x => x.Text.Contains("Second update", StringComparison.Ordinal)),
            "the second update in the stakeholder channel");
        Assert.Single(await _console.MessagesAsync("dm-frank", "frank"));
    }

    [Fact]
    public async Task ASev1GoesToItsOwnStakeholderChannelWhichIsCreatedAtStart()
    {
        using var bot = new BotFactory(new Dictionary<string, string?> { ["Console:StakeholderChannels:Sev1"] = "exec-incidents" });
        var console = new ConsoleApiClient(bot.CreateClient());
        await console.SayExpectingOneReplyAsync("alice", "general", "/incident declare sev1 Checkout failing");
        await console.SayExpectingOneReplyAsync("alice", "general", "/incident declare sev3 Search is slow");
        // Updates typed before the kick-off are folded into it rather than broadcast, so wait for both announcements.
        await Eventually.Get(() => console.MessagesAsync("exec-incidents"), m => m.Count > 0, "the SEV1 announcement");
        await Eventually.Get(() => console.MessagesAsync("incidents"), m => m.Count > 0, "the SEV3 announcement");

        await console.SayExpectingOneReplyAsync("alice", "general", "/incident INC-1 update Payments rolled back");
        await console.SayExpectingOneReplyAsync("alice", "general", "/incident INC-2 update Reindexing");

        var exec = await Eventually.Get(() => console.MessagesAsync("exec-incidents"),
            m => m.Any(x => x.Text.Contains("Payments rolled back", StringComparison.Ordinal)), "the SEV1 update in #exec-incidents");
        Assert.Contains(exec, m => m.Text.Contains("Checkout failing", StringComparison.Ordinal));
        var incidents = await Eventually.Get(() => console.MessagesAsync("incidents"),
            m => m.Any(x => x.Text.Contains("Reindexing", StringComparison.Ordinal)), "the SEV3 update in #incidents");
        Assert.DoesNotContain(incidents, m => m.Text.Contains("Payments rolled back", StringComparison.Ordinal));
        Assert.DoesNotContain(exec, m => m.Text.Contains("Search is slow", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NobodyCanSubscribeToAPrivateOrAClosedIncident()
    {
        await _console.SayExpectingOneReplyAsync("alice", "general", "/incident declare sev2 private Payroll export leaking");
        Assert.Contains("There is no INC-1", await _console.SayExpectingOneReplyAsync("frank", "general", "/incident subscribe INC-1"), StringComparison.Ordinal);
        Assert.Contains("private", await _console.SayExpectingOneReplyAsync("alice", "general", "/incident subscribe INC-1"), StringComparison.Ordinal);

        await _console.SayExpectingOneReplyAsync("alice", "general", "/incident declare sev3 Slow search");
        await _console.SayExpectingOneReplyAsync("alice", "general", "/incident INC-2 resolve Reindexed");
        await _console.SayExpectingOneReplyAsync("alice", "general", "/incident INC-2 close");
        Assert.Contains("INC-2 is closed", await _console.SayExpectingOneReplyAsync("frank", "general", "/incident subscribe INC-2"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHandoffPostsABriefingForTheNewCommander()
    {
        await DeclareAsync("/incident declare sev1 Checkout failing");
        await _console.SayExpectingOneReplyAsync("alice", Room, "/incident update Investigating the payment gateway");
        await _console.SayExpectingOneReplyAsync("alice", Room, "/incident note Gateway p99 at 8s");
        await _console.SayExpectingOneReplyAsync("alice", Room, "/incident commander @carol");

        var messages = await Eventually.Get(() => _console.MessagesAsync(Room, "alice"),
            m => m.Any(x => x.Text.Contains("Briefing for @carol", StringComparison.Ordinal)), "the briefing");
        var briefing = messages.Single(m => m.Text.Contains("Briefing for @carol", StringComparison.Ordinal)).Text;
        Assert.Contains("SEV1 · investigating", briefing, StringComparison.Ordinal);
        Assert.Contains("Investigating the payment gateway", briefing, StringComparison.Ordinal);
        Assert.Contains("Gateway p99 at 8s", briefing, StringComparison.Ordinal);

        var onDemand = await _console.SayExpectingOneReplyAsync("bob", Room, "/incident brief");
        Assert.Contains("Briefing for @carol", onDemand, StringComparison.Ordinal);
    }

    private async Task DeclareAsync(string command)
    {
        await _console.SayExpectingOneReplyAsync("alice", "general", command);
        // The channel list first: reading a channel's messages before the reconciler opened it is a 404.
        await Eventually.Get(() => _console.ChannelsAsync("alice"), c => c.Any(x => x.Name == Room), "the incident channel");
        await Eventually.Get(() => _console.MessagesAsync(Room, "alice"), m => m.Count > 0, "the kick-off message");
    }

    private static string Type(System.Text.Json.JsonElement e) => e.GetProperty("type").GetString()!;

    public void Dispose() => _bot.Dispose();
}
