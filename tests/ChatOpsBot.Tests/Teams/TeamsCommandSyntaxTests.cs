using ChatOpsBot.Tests.Support;
using ChatOpsBot.Tests.Teams.Support;

namespace ChatOpsBot.Tests.Teams;

/// <summary>Help and usage answers on Teams show commands the way they are typed there: "@ChatOpsBot incident …".</summary>
public sealed class TeamsCommandSyntaxTests : IDisposable
{
    private readonly TeamsBot _bot = new();

    [Fact]
    public async Task HelpListsTheCommandsAsTypedInTeams()
    {
        (await _bot.PostAsync(_bot.ChannelMessage("incident help"))).EnsureSuccessStatusCode();

        var help = await ReplyAsync();
        Assert.Contains("@ChatOpsBot incident declare \\[sev1..sev4\\]", help, StringComparison.Ordinal);
        Assert.Contains("@ChatOpsBot incident INC-7 note ...", help, StringComparison.Ordinal);
        Assert.DoesNotContain("/incident", help, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AUsageErrorShowsTheUsageAsTypedInTeams()
    {
        (await _bot.PostAsync(_bot.ChannelMessage("incident severity purple"))).EnsureSuccessStatusCode();

        var reply = await ReplyAsync();
        Assert.Contains("Usage: \\`@ChatOpsBot incident severity <\u200Bsev1..sev4>\\`", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("/incident", reply, StringComparison.Ordinal);
    }

    public void Dispose() => _bot.Dispose();

    /// <summary>The text of the first card sent to the person's 1:1 chat: answers to commands typed in a channel go there.</summary>
    private async Task<string> ReplyAsync()
    {
        var sent = await Eventually.Get(() => Task.FromResult(_bot.Teams.SentTo(FakeTeams.DirectChat)), r => r.Count > 0, "the reply");
        return string.Join('\n', sent[0].GetProperty("attachments")[0].GetProperty("content").GetProperty("body").EnumerateArray().Select(b => b.GetProperty("text").GetString()));
    }
}
