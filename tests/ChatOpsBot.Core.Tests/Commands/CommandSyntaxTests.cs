using ChatOpsBot.Core.Commands;

namespace ChatOpsBot.Core.Tests.Commands;

public sealed class CommandSyntaxTests
{
    [Fact]
    public void The_bots_command_examples_take_the_platforms_prefix_and_other_text_is_left_as_written()
    {
        var outcome = CommandOutcome.Error("No such severity \"purple /incident\".", CommandUsage.For("severity"));

        var teams = CommandSyntax.ForPrefix(outcome, "@ChatOpsBot incident");

        Assert.Equal("⚠️ No such severity \"purple /incident\".\nUsage: `@ChatOpsBot incident severity <sev1..sev4>`", teams.Replies[0].Text);
        Assert.True(teams.Failed);
        Assert.Same(outcome, CommandSyntax.ForPrefix(outcome, "/incident"));
    }
}
