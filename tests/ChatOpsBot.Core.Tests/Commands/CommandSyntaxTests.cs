using ChatOpsBot.Core.Commands;

namespace ChatOpsBot.Core.Tests.Commands;

public sealed class CommandSyntaxTests
{
    [Fact]
    public void TheBotsCommandExamplesTakeThePlatformsPrefixAndOtherTextIsLeftAsWritten()
    {
        var outcome = CommandOutcome.Error("No such severity \"purple /incident\".", CommandUsage.For("severity"));

        var teams = CommandSyntax.ForPrefix(outcome, "@ChatOpsBot incident");

        Assert.Equal("⚠️ No such severity \"purple /incident\".\nUsage: `@ChatOpsBot incident severity <sev1..sev4>`", teams.Replies[0].Text);
        Assert.True(teams.Failed);
        Assert.Same(outcome, CommandSyntax.ForPrefix(outcome, "/incident"));
    }
}
