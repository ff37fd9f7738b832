using ChatOpsBot.Tests.Slack.Support;

namespace ChatOpsBot.Tests.Slack;

/// <summary>Help and usage answers on Slack keep the slash command, the way it is typed there.</summary>
public sealed class SlackCommandSyntaxTests : IDisposable
{
    private readonly SlackBot _bot = new();

    [Fact]
    public async Task HelpAndUsageShowTheSlashCommand()
    {
        var help = await SlackBot.EphemeralTextAsync(await _bot.CommandAsync("help"));
        var usage = await SlackBot.EphemeralTextAsync(await _bot.CommandAsync("severity purple"));

        Assert.Contains("/incident declare [sev1..sev4]", help, StringComparison.Ordinal);
        Assert.Contains("/incident INC-7 note ...", help, StringComparison.Ordinal);
        Assert.DoesNotContain("ChatOpsBot incident", help, StringComparison.Ordinal);
        Assert.Contains("/incident severity", usage, StringComparison.Ordinal);
    }

    public void Dispose() => _bot.Dispose();
}
