using System.Net;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Slack;
using ChatOpsBot.Tests.Slack.Support;
using ChatOpsBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsBot.Tests.Slack;

/// <summary>Pins, the timeline reaction and the message shortcut put a message on the timeline once, at its own time.</summary>
public sealed class SlackTimelineCaptureTests : IDisposable
{
    private const string Ts = "1767225590.000100";
    private static readonly DateTimeOffset MessageTime = DateTimeOffset.FromUnixTimeSeconds(1767225590).AddTicks(1000);

    private readonly SlackBot _bot = new();

    [Fact]
    public async Task APinnedMessageLandsOnTheTimelineOnceWithItsAuthorAndOriginalTime()
    {
        await _bot.DeclareAndWaitAsync();

        Assert.Equal(HttpStatusCode.OK, (await _bot.EventAsync("Ev1", Pin("Ev1"))).StatusCode);

        var captured = await CapturedAsync(1);
        Assert.Equal(Ts, captured.MessageId);
        Assert.Equal(MessageTime, captured.OccurredAt);
        Assert.Equal(EventSource.PinnedMessage, captured.Source);
        Assert.Equal(("U0ALICE", "Alice"), (captured.Author.Id, captured.Author.Name));
        Assert.Equal("Rolled back deploy 4711", captured.Text);
        Assert.Equal("https://acme.slack.com/archives/C0INC1/p1767225590000100", captured.Permalink);
    }

    [Fact]
    public async Task TheTimelineReactionFetchesTheMessageAndCapturesItOnceHoweverOftenItIsPinnedOrReacted()
    {
        await _bot.DeclareAndWaitAsync();
        _bot.Slack.Answer("conversations.history", $$"""
            {"ok":true,"messages":[{"type":"message","user":"U0ALICE","text":"Error rate back to baseline","ts":"{{Ts}}",
              "files":[{"name":"grafana.png","permalink":"https://acme.slack.com/files/U0ALICE/F1/grafana.png"}]}]}
            """);

        await _bot.EventAsync("Ev2", Reaction("pushpin"));
        var captured = await CapturedAsync(1);
        await _bot.EventAsync("Ev3", Reaction("pushpin", user: "U0BOB"));
        await _bot.EventAsync("Ev4", Pin("Ev4"));
        await _bot.EventAsync("Ev5", Reaction("eyes")); // not the timeline reaction
        await SettleAsync();

        Assert.Single((await _bot.TimelineAsync()).OfType<MessageCaptured>());
        Assert.Equal(EventSource.Reaction, captured.Source);
        Assert.Equal(MessageTime, captured.OccurredAt);
        Assert.Equal("Error rate back to baseline", captured.Text);
        var file = Assert.Single(captured.Files!);
        Assert.Equal(("grafana.png", "https://acme.slack.com/files/U0ALICE/F1/grafana.png"), (file.Name, file.Permalink));
    }

    [Fact]
    public async Task ARetriedDeliveryOfTheSameEventAddsNothing()
    {
        await _bot.DeclareAndWaitAsync();
        await _bot.EventAsync("Ev6", Pin("Ev6"));
        await CapturedAsync(1);
        var before = (await _bot.TimelineAsync()).Count;

        var retry = await _bot.EventAsync("Ev6", Pin("Ev6"));
        await SettleAsync();

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(before, (await _bot.TimelineAsync()).Count);
        Assert.Single(_bot.Slack.Calls("chat.getPermalink")); // the retry was not even processed
    }

    [Fact]
    public async Task AnEventThatCouldNotBeHandledIsHandledWhenSlackDeliversItAgain()
    {
        await _bot.DeclareAndWaitAsync();
        _bot.Slack.Answer("conversations.history", """{"ok":false,"error":"internal_error"}""");

        await _bot.EventAsync("Ev9", Reaction("pushpin"));
        await Eventually.Get(() => Task.FromResult(_bot.Slack.Entries("conversations.history").Count), n => n >= 3, "the worker's three tries");
        await SettleAsync();
        Assert.Empty((await _bot.TimelineAsync()).OfType<MessageCaptured>());

        _bot.Slack.Answer("conversations.history", $$"""
            {"ok":true,"messages":[{"type":"message","user":"U0ALICE","text":"Failover done","ts":"{{Ts}}"}]}
            """, priority: 0);
        await _bot.EventAsync("Ev9", Reaction("pushpin")); // Slack's retry of the same delivery

        Assert.Equal("Failover done", (await CapturedAsync(1)).Text);
    }

    [Fact]
    public async Task EditsAndDeletionsOfACapturedMessageFollowOnTheTimelineAndKeepItsHistory()
    {
        await _bot.DeclareAndWaitAsync();
        await _bot.EventAsync("Ev7", Pin("Ev7"));
        await CapturedAsync(1);

        await _bot.EventAsync("Ev8", new
        {
            type = "message", subtype = "message_changed", channel = FakeSlack.IncidentChannel, event_ts = "1767225700.000200",
            message = new { type = "message", user = "U0ALICE", text = "Rolled back deploy 4711 and 4712", ts = Ts },
            previous_message = new { type = "message", user = "U0ALICE", text = "Rolled back deploy 4711", ts = Ts },
        });
        await _bot.EventAsync("Ev9", new
        {
            type = "message", subtype = "message_deleted", channel = FakeSlack.IncidentChannel, event_ts = "1767225800.000300", deleted_ts = Ts,
        });

        var timeline = await Eventually.Get(() => _bot.TimelineAsync(), t => t.OfType<CapturedMessageDeleted>().Any(), "the deletion on the timeline");
        Assert.Equal("Rolled back deploy 4711", Assert.Single(timeline.OfType<MessageCaptured>()).Text);
        Assert.Equal("Rolled back deploy 4711 and 4712", Assert.Single(timeline.OfType<CapturedMessageEdited>()).Text);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1767225800).AddTicks(3000), Assert.Single(timeline.OfType<CapturedMessageDeleted>()).OccurredAt);
        Assert.True((await _bot.Incidents.Reader.GetAsync(1, default)).CapturedMessages[Ts].IsDeleted);
    }

    [Fact]
    public async Task EditsOfMessagesThatWereNeverCapturedAreIgnored()
    {
        await _bot.DeclareAndWaitAsync();
        var before = (await _bot.TimelineAsync()).Count;

        await _bot.EventAsync("Ev10", new
        {
            type = "message", subtype = "message_changed", channel = FakeSlack.IncidentChannel, event_ts = "1767225700.000200",
            message = new { type = "message", user = "U0ALICE", text = "just chatting", ts = "1767225000.000100" },
        });
        await SettleAsync();

        Assert.Equal(before, (await _bot.TimelineAsync()).Count);
    }

    [Fact]
    public async Task SomeoneJoiningTheChannelIsRecordedOnceAndTheBotItselfIsNot()
    {
        await _bot.DeclareAndWaitAsync();
        _bot.Slack.Answer("users.info", """{"ok":true,"user":{"id":"U0CAROL","name":"carol","profile":{"display_name":"Carol"}}}""");

        await _bot.EventAsync("Ev11", new { type = "member_joined_channel", user = "U0CAROL", channel = FakeSlack.IncidentChannel, event_ts = "1767225601.000100" });
        await _bot.EventAsync("Ev12", new { type = "member_joined_channel", user = "U0CAROL", channel = FakeSlack.IncidentChannel, event_ts = "1767225602.000100" });
        await _bot.EventAsync("Ev13", new { type = "member_joined_channel", user = "U0BOT", channel = FakeSlack.IncidentChannel, event_ts = "1767225603.000100" });

        var joined = await Eventually.Get(() => _bot.TimelineAsync(), t => t.OfType<ParticipantJoined>().Any(), "the join");
        await SettleAsync();
        Assert.Equal("Carol", Assert.Single((await _bot.TimelineAsync()).OfType<ParticipantJoined>()).Participant.Name);
        Assert.NotEmpty(joined);
    }

    [Fact]
    public async Task TheMessageShortcutAddsAThreadReplyAndSaysSo()
    {
        await _bot.DeclareAndWaitAsync();

        var response = await _bot.InteractAsync(new
        {
            type = "message_action", callback_id = "add_to_timeline", trigger_id = "t", user = new { id = "U0ALICE", name = "alice" },
            channel = new { id = FakeSlack.IncidentChannel }, response_url = _bot.Slack.ResponseUrl,
            message = new { type = "message", user = "U0ALICE", text = "DB failover done", ts = Ts, thread_ts = "1767225500.000100" },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var captured = await CapturedAsync(1);
        Assert.Equal(("1767225500.000100", EventSource.MessageShortcut), (captured.ThreadId, captured.Source));
        var reply = await Eventually.Get(() => Task.FromResult(_bot.Slack.Calls("chat.postEphemeral")), c => c.Count > 0, "the ephemeral confirmation");
        Assert.Contains("Added to the INC-1 timeline", reply[0].GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PinsOutsideIncidentChannelsAreIgnored()
    {
        await _bot.DeclareAndWaitAsync();
        var before = (await _bot.TimelineAsync()).Count;

        await _bot.EventAsync("Ev14", Pin("Ev14", channel: "C0RANDOM"));
        await SettleAsync();

        Assert.Equal(before, (await _bot.TimelineAsync()).Count);
    }

    private async Task<MessageCaptured> CapturedAsync(int count)
    {
        var timeline = await Eventually.Get(() => _bot.TimelineAsync(), t => t.OfType<MessageCaptured>().Count() >= count, "a captured message");
        return timeline.OfType<MessageCaptured>().Last();
    }

    // The event worker runs after the 200: wait until it has handled (or given up on) every event sent so far,
    // so whatever it was going to do (wrongly) is done.
    private async Task SettleAsync() =>
        await Eventually.Get(() => Task.FromResult(_bot.Factory.Services.GetRequiredService<SlackEventWorker>().IsDrained), drained => drained, "the event worker to drain");

    private static object Pin(string id, string channel = FakeSlack.IncidentChannel) => new
    {
        type = "pin_added", user = "U0ALICE", channel_id = channel, event_ts = "1767225620.000100",
        item = new
        {
            type = "message", channel, created_by = "U0ALICE",
            message = new { type = "message", user = "U0ALICE", text = "Rolled back deploy 4711", ts = Ts, client_msg_id = id },
        },
    };

    private static object Reaction(string name, string user = "U0ALICE") => new
    {
        type = "reaction_added", user, reaction = name, item_user = "U0ALICE", event_ts = "1767225620.000100",
        item = new { type = "message", channel = FakeSlack.IncidentChannel, ts = Ts },
    };

    public void Dispose() => _bot.Dispose();
}
