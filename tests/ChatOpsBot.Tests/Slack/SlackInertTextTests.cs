using System.Net;
using System.Text.Json;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Tests.Slack.Support;
using ChatOpsBot.Tests.Support;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace ChatOpsBot.Tests.Slack;

/// <summary>
/// User text reaches Slack inert: what a person typed can never ping a channel or hide a link, in the incident
/// channel, the topic or the stakeholder channel. And a stakeholder copy survives a failing channel, exactly once.
/// </summary>
public sealed class SlackInertTextTests : IDisposable
{
    // What Slack sends in a slash command's text when someone types @channel, @here, @everyone, a user group, a
    // disguised link and an ampersand (Slack's formatting reference, "Escaping text" and "Mentioning groups").
    private const string Hostile = "<!channel> <!here> <!everyone> <!subteam^S0SRE|@sre> <https://evil.example|status page> *bold* &amp; done";

    private static readonly string[] Live = ["<!channel>", "<!here>", "<!everyone>", "<!subteam", "<https://evil.example"];

    private readonly SlackBot _bot = new(new Dictionary<string, string?> { ["Reconciler:SweepInterval"] = "00:00:01" });

    [Fact]
    public async Task BroadcastsAndADisguisedLinkInATitleUpdateNoteAndActionItemReachSlackInert()
    {
        await _bot.DeclareAndWaitAsync("declare sev2 Search " + Hostile);
        await Command("update Update " + Hostile);
        await Command("note Note " + Hostile);
        await Command("action Action " + Hostile);

        await Eventually.Get(() => Task.FromResult(_bot.Slack.Calls("chat.postMessage")),
            c => c.Any(x => x.GetProperty("channel").GetString() == FakeSlack.Stakeholders && Body(x).Contains("Update ", StringComparison.Ordinal))
                && c.Any(x => Body(x).Contains("Action item #1", StringComparison.Ordinal)), "the update's stakeholder copy and the action item");

        var bodies = new[] { "chat.postMessage", "chat.update", "conversations.setTopic", "conversations.setPurpose" }
            .SelectMany(m => _bot.Slack.Calls(m)).Select(Body).ToList();
        foreach (var live in Live)
        {
            Assert.False(bodies.Any(b => b.Contains(live, StringComparison.Ordinal)), $"{live} is live in: {bodies.FirstOrDefault(b => b.Contains(live, StringComparison.Ordinal))}");
        }

        var stakeholder = _bot.Slack.Calls("chat.postMessage").Where(c => c.GetProperty("channel").GetString() == FakeSlack.Stakeholders).Select(c => c.GetProperty("text").GetString()!).ToList();
        Assert.Contains(stakeholder, t => t.Contains("&lt;!channel&gt; &lt;!here&gt; &lt;!everyone&gt; &lt;!subteam^S0SRE|@sre&gt; &lt;https://evil.example|status page&gt;", StringComparison.Ordinal));
        Assert.Contains(stakeholder, t => t.Contains("\u200B*\u200Bbold\u200B*\u200B &amp; done", StringComparison.Ordinal));

        // Unescaped once on the way in: the title has a real "&", and the channel name no "amp".
        var incident = await _bot.Incidents.Reader.GetAsync(1, default);
        Assert.EndsWith("*bold* & done", incident.Title, StringComparison.Ordinal);
        Assert.DoesNotContain("-amp-", _bot.Slack.Calls("conversations.create")[0].GetProperty("name").GetString()!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStakeholderChannelFailingTenTimesInARowStillGetsExactlyOneCopyOfTheUpdate()
    {
        await _bot.DeclareAndWaitAsync();
        var scenario = "stakeholders-down";
        for (var i = 0; i < 10; i++)
        {
            var mapping = _bot.Slack.Server.Given(Request.Create().WithPath("/api/chat.postMessage").WithBody(new JsonPartialMatcher($$"""{"channel":"{{FakeSlack.Stakeholders}}"}""")))
                .AtPriority(1).InScenario(scenario);
            mapping = i == 0 ? mapping : mapping.WhenStateIs($"failed-{i}");
            mapping.WillSetStateTo($"failed-{i + 1}").RespondWith(Response.Create().WithStatusCode(HttpStatusCode.TooManyRequests).WithHeader("Retry-After", "0"));
        }

        await Command("update Payments are back");

        var timeline = await Eventually.Get(() => _bot.TimelineAsync(), t => t.OfType<StakeholderCopyDelivered>().Any(), "the stakeholder copy recorded", TimeSpan.FromSeconds(60));
        var copies = _bot.Slack.Entries("chat.postMessage")
            .Where(e => e.RequestMessage.Body!.Contains(FakeSlack.Stakeholders, StringComparison.Ordinal) && e.RequestMessage.Body.Contains("Payments are back", StringComparison.Ordinal))
            .ToList();
        Assert.Equal(11, copies.Count);
        Assert.Single(copies, e => Convert.ToInt32(e.ResponseMessage.StatusCode ?? 200, System.Globalization.CultureInfo.InvariantCulture) == 200);
        var delivered = Assert.Single(timeline.OfType<StakeholderCopyDelivered>());
        Assert.Equal("1767225600.000900", delivered.MessageId);
        // The incident channel was not held up by the stakeholder channel.
        Assert.Single(_bot.Slack.Calls("chat.postMessage"), c => c.GetProperty("channel").GetString() == FakeSlack.IncidentChannel
            && Body(c).Contains("Status update from <@U0ALICE>: Payments are back", StringComparison.Ordinal));

        var metrics = await _bot.Http.GetStringAsync("/metrics");
        Assert.Contains(metrics.Split('\n'), l => l.StartsWith("chatopsbot_chat_calls_total{", StringComparison.Ordinal)
            && l.Contains("method=\"DeliverStakeholderCopy\"", StringComparison.Ordinal) && l.Contains("result=\"ratelimited\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SlacksSslCheckGetsAnEmpty200()
    {
        using var response = await _bot.Http.SendAsync(SlackSigner.SignedRequest("/slack/commands", SlackSigner.Form(("ssl_check", "1"), ("token", "deprecated"))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
    }

    private async Task Command(string text) =>
        await SlackBot.EphemeralTextAsync(await _bot.CommandAsync(text, channel: FakeSlack.IncidentChannel));

    private static string Body(JsonElement call) => call.GetRawText().Replace("\\u003C", "<", StringComparison.Ordinal).Replace("\\u003E", ">", StringComparison.Ordinal)
        .Replace("\\u0026", "&", StringComparison.Ordinal);

    public void Dispose() => _bot.Dispose();
}
