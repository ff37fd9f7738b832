using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Tests.Slack.Support;
using ChatOpsBot.Tests.Support;

namespace ChatOpsBot.Tests.Slack;

/// <summary>How the Web API client copes with Slack saying no: rate limits, taken names, transient and lasting errors.</summary>
public sealed class SlackWebApiTests : IDisposable
{
    private readonly SlackBot _bot = new();

    [Fact]
    public async Task A429WithRetryAfterIsWaitedOutAndTheStepCompletes()
    {
        _bot.Slack.AnswerOnce("conversations.setTopic", r => r.WithStatusCode(429).WithHeader("Retry-After", "1"));

        var incident = await _bot.DeclareAndWaitAsync();

        var calls = _bot.Slack.Entries("conversations.setTopic");
        Assert.Equal(2, calls.Count);
        Assert.True(calls[1].RequestMessage.DateTime - calls[0].RequestMessage.DateTime >= TimeSpan.FromSeconds(0.95),
            $"the retry came {(calls[1].RequestMessage.DateTime - calls[0].RequestMessage.DateTime).TotalMilliseconds} ms after the 429");
        Assert.Equal("SEV2 · Investigating · IC: @alice", incident.Chat.Topic);
        Assert.Single((await _bot.TimelineAsync()).OfType<TopicSet>());
    }

    [Fact]
    public async Task ATakenChannelNameGetsASuffix()
    {
        _bot.Slack.AnswerOnce("conversations.create", r => r.WithHeader("Content-Type", "application/json").WithBody("""{"ok":false,"error":"name_taken"}"""));

        await _bot.DeclareAndWaitAsync();

        var names = _bot.Slack.Calls("conversations.create").Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.Equal(["inc-1-checkout-failing", "inc-1-checkout-failing-2"], names);
    }

    [Fact]
    public async Task TransientServerErrorsAreRetriedWithBackoff()
    {
        _bot.Slack.AnswerOnce("chat.postMessage", r => r.WithStatusCode(503));

        var incident = await _bot.DeclareAndWaitAsync();

        Assert.NotNull(incident.Chat.KickoffMessageId);
        Assert.Single((await _bot.TimelineAsync()).OfType<KickoffPosted>());
    }

    [Fact]
    public async Task ALastingSlackErrorDelaysTheStepWithoutLosingOrRepeatingIt()
    {
        // not_in_channel on the stakeholder channel until someone invites the bot; the reconciler keeps trying.
        _bot.Slack.AnswerOnce("conversations.setPurpose", r => r.WithHeader("Content-Type", "application/json").WithBody("""{"ok":false,"error":"not_in_channel"}"""));

        var incident = await _bot.DeclareAndWaitAsync();

        Assert.Equal("INC-1: Checkout failing", incident.Chat.Purpose);
        Assert.Equal(2, _bot.Slack.Calls("conversations.setPurpose").Count);
        Assert.Single((await _bot.TimelineAsync()).OfType<PurposeSet>());
    }

    [Fact]
    public async Task ChangesAfterTheKickoffUpdateTheTopicAndPostOneMessageEach()
    {
        await _bot.DeclareAndWaitAsync();

        await SlackBot.EphemeralTextAsync(await _bot.CommandAsync("severity sev1", channel: FakeSlack.IncidentChannel));
        await SlackBot.EphemeralTextAsync(await _bot.CommandAsync("status identified", channel: FakeSlack.IncidentChannel));

        await Eventually.Get(() => Task.FromResult(_bot.Slack.Calls("conversations.setTopic")),
            c => c.Any(t => t.GetProperty("topic").GetString() == "SEV1 · Identified · IC: @alice"), "the topic to follow both changes");
        var messages = await Eventually.Get(
            () => Task.FromResult(_bot.Slack.Calls("chat.postMessage").Select(p => p.GetProperty("text").GetString()!).ToList()),
            m => m.Any(t => t.Contains("Identified", StringComparison.Ordinal)), "the status message");
        Assert.Single(messages, t => t.Contains("Severity changed from SEV2 to SEV1", StringComparison.Ordinal));
    }

    public void Dispose() => _bot.Dispose();
}
