using System.Text.Json;
using ChatOpsBot.Core.Timeline;
using ChatOpsBot.Tests.Slack.Support;
using ChatOpsBot.Tests.Support;

namespace ChatOpsBot.Tests.Slack;

/// <summary>
/// Stakeholders on Slack through WireMock: the stakeholder channel chosen by severity, subscriptions by DM, and
/// when the next update is due, from the host's reminder cadence, in the briefing and on /status.
/// </summary>
public sealed class SlackStakeholderTests : IDisposable
{
    private const string Sev1Channel = "C0SEV1";

    private readonly SlackBot _bot = new(new Dictionary<string, string?>
    {
        ["Slack:StakeholderChannels:Sev1"] = Sev1Channel,
        ["Reminders:StatusUpdate:Sev1"] = "00:20:00",
    });

    [Fact]
    public async Task ASEV1GoesToTheSEV1StakeholderChannelAndASEV3ToTheDefaultOne()
    {
        await _bot.DeclareAndWaitAsync("declare sev1 Checkout failing");
        await SlackBot.EphemeralTextAsync(await _bot.CommandAsync("declare sev3 Search is slow"));
        await Eventually.Get(() => _bot.Incidents.Reader.GetAsync(2, default), i => i.Chat.IsAnnounced, "INC-2 announced");

        await SlackBot.EphemeralTextAsync(await _bot.CommandAsync("INC-1 update Payments rolled back"));
        await SlackBot.EphemeralTextAsync(await _bot.CommandAsync("INC-2 update Reindexing search"));

        await Eventually.Get(() => Task.FromResult(Posts()), p => p.Any(x => x.Text.Contains("Reindexing search", StringComparison.Ordinal) && x.Channel == FakeSlack.Stakeholders)
            && p.Any(x => x.Text.Contains("Payments rolled back", StringComparison.Ordinal) && x.Channel == Sev1Channel), "both updates for stakeholders");
        var posts = Posts();
        Assert.Contains(posts, p => p.Channel == Sev1Channel && p.Text.Contains("INC-1", StringComparison.Ordinal) && p.Text.Contains("Checkout failing", StringComparison.Ordinal));
        Assert.Contains(posts, p => p.Channel == FakeSlack.Stakeholders && p.Text.Contains("Search is slow", StringComparison.Ordinal));
        Assert.DoesNotContain(posts, p => p.Channel == FakeSlack.Stakeholders && p.Text.Contains("Payments rolled back", StringComparison.Ordinal));
        Assert.DoesNotContain(posts, p => p.Channel == Sev1Channel && p.Text.Contains("Reindexing search", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ASubscriberGetsTheUpdateByDirectMessage()
    {
        await _bot.DeclareAndWaitAsync();
        var subscribed = await SlackBot.EphemeralTextAsync(await _bot.CommandAsync("subscribe INC-1", user: "U0FRANK"));
        Assert.Contains("direct message", subscribed, StringComparison.Ordinal);

        await SlackBot.EphemeralTextAsync(await _bot.CommandAsync("update Rolled back; errors falling", channel: FakeSlack.IncidentChannel));

        var dm = await Eventually.Get(() => Task.FromResult(Posts()), p => p.Any(x => x.Channel == "U0FRANK"), "the DM to U0FRANK");
        Assert.Contains("Rolled back; errors falling", dm.Single(x => x.Channel == "U0FRANK").Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheBriefingAndTheStatusPageShowWhenTheNextUpdateIsDue()
    {
        await _bot.DeclareAndWaitAsync("declare sev1 Checkout failing");
        await SlackBot.EphemeralTextAsync(await _bot.CommandAsync("update Investigating the gateway", channel: FakeSlack.IncidentChannel));
        var incident = await _bot.Incidents.Reader.GetAsync(1, default);
        var due = TimeText.Utc(incident.LastStatusUpdateAt!.Value + TimeSpan.FromMinutes(20));

        var brief = await SlackBot.EphemeralTextAsync(await _bot.CommandAsync("brief", channel: FakeSlack.IncidentChannel));
        Assert.Contains($"Next update due: {due}", brief, StringComparison.Ordinal);

        var status = await _bot.Http.GetStringAsync("/status");
        Assert.Contains($"<td class=\"next-update\">{due}</td>", status, StringComparison.Ordinal);
        Assert.DoesNotContain("not scheduled", status, StringComparison.Ordinal);

        await SlackBot.EphemeralTextAsync(await _bot.CommandAsync("commander <@U0BOB|bob>", channel: FakeSlack.IncidentChannel));
        var handoff = await Eventually.Get(() => Task.FromResult(Posts()), p => p.Any(x => x.Text.Contains("Briefing for <@U0BOB>", StringComparison.Ordinal)), "the handoff briefing");
        Assert.Contains($"Next update due: {due}", handoff.First(x => x.Text.Contains("Briefing for <@U0BOB>", StringComparison.Ordinal)).Text, StringComparison.Ordinal);
    }

    private List<(string Channel, string Text)> Posts() =>
        [.. _bot.Slack.Calls("chat.postMessage").Select(c => (c.GetProperty("channel").GetString()!, c.GetProperty("text").GetString()!))];

    public void Dispose() => _bot.Dispose();
}
