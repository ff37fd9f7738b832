using ChatOpsBot.Tests.Slack.Support;
using ChatOpsBot.Tests.Support;

namespace ChatOpsBot.Tests.Slack;

/// <summary>
/// Slash commands answer inside Slack's 3 seconds, and slow ones finish through response_url. How fast the
/// acknowledgement is, is measured in bench/ (scenario 1), not asserted here: a timing says more about the machine.
/// </summary>
public sealed class SlackCommandTests : IDisposable
{
    private readonly SlackBot _bot = new();

    [Fact]
    public async Task ACommandSlowerThanTheBudgetIsAcknowledgedAtOnceAndAnsweredThroughResponseUrl()
    {
        using var slow = new SlackBot(new Dictionary<string, string?> { ["Slack:AcknowledgeWithin"] = "00:00:00" });

        var ack = await SlackBot.EphemeralTextAsync(await slow.CommandAsync("declare sev3 Queue backlog growing"));

        Assert.Contains("Working on it", ack, StringComparison.Ordinal);
        var late = await Eventually.Get(() => Task.FromResult(slow.Slack.ResponseUrlCalls), c => c.Count > 0, "the late answer");
        Assert.Contains("Declared INC-1", late[0].RequestMessage.Body, StringComparison.Ordinal);
        Assert.Contains("\"response_type\":\"ephemeral\"", late[0].RequestMessage.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommandsInTheIncidentChannelNeedNoIncidentNumber()
    {
        await _bot.DeclareAndWaitAsync();

        var text = await SlackBot.EphemeralTextAsync(await _bot.CommandAsync("commander <@U0BOB|bob>", channel: FakeSlack.IncidentChannel));

        Assert.Contains("@bob is now commander of INC-1", text, StringComparison.Ordinal);
        Assert.Equal("U0BOB", (await _bot.Incidents.Reader.GetAsync(1, default)).Commander?.Id);
    }

    public void Dispose() => _bot.Dispose();
}
