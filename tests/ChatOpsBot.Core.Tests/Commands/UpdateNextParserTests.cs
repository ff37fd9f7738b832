using ChatOpsBot.Core.Commands;

namespace ChatOpsBot.Core.Tests.Commands;

/// <summary>"update next &lt;duration&gt; &lt;text&gt;" and "action ... due &lt;duration&gt;": the commands that carry a time.</summary>
public class UpdateNextParserTests
{
    [Theory]
    [InlineData("update next 10m Rolling back", 10 * 60)]
    [InlineData("update NEXT 1h30m Rolling back", 90 * 60)]
    [InlineData("update next 30s Rolling back", 30)]
    [InlineData("update next 24h Rolling back", 24 * 3600)]
    public void UpdateNextSetsWhenTheNextUpdateIsDue(string text, int seconds)
    {
        var command = Assert.IsType<PostUpdateCommand>(CommandParser.Parse(text).Command!.Command);

        Assert.Equal("Rolling back", command.Text);
        Assert.Equal(TimeSpan.FromSeconds(seconds), command.NextUpdateIn);
    }

    [Fact]
    public void AnOrdinaryUpdateHasNoPromise()
    {
        var command = Assert.IsType<PostUpdateCommand>(CommandParser.Parse("update Next: roll back").Command!.Command);

        Assert.Equal("Next: roll back", command.Text);
        Assert.Null(command.NextUpdateIn);
    }

    [Theory]
    [InlineData("update next abc Rolling back", "\"abc\" is not a duration")]
    [InlineData("update next -5m Rolling back", "\"-5m\" is negative")]
    [InlineData("update next 25h Rolling back", "\"25h\" is more than 24 hours")]
    [InlineData("update next 0m Rolling back", "no time at all")]
    [InlineData("update next", "Say when the next update is due")]
    [InlineData("update next 10m", "Write the update after the duration")]
    public void ABadDurationIsAClearErrorWithUsage(string text, string error)
    {
        var result = CommandParser.Parse(text);

        Assert.False(result.Succeeded);
        Assert.Contains(error, result.Error, StringComparison.Ordinal);
        Assert.Equal("/incident update [next <duration>] <text>", result.Usage);
    }

    [Fact]
    public void AnActionItemMayHaveAnOwnerAndADueDate()
    {
        var command = Assert.IsType<AddActionItemCommand>(CommandParser.Parse("action Add a canary @carol due 2d").Command!.Command);

        Assert.Equal("Add a canary", command.Text);
        Assert.Equal("carol", command.Owner!.Id);
        Assert.Equal(TimeSpan.FromDays(2), command.DueIn);
    }

    [Fact]
    public void DueFollowedByProseStaysInTheText()
    {
        var command = Assert.IsType<AddActionItemCommand>(CommandParser.Parse("action Fix the outage due to cache").Command!.Command);

        Assert.Equal("Fix the outage due to cache", command.Text);
        Assert.Null(command.DueIn);
    }

    [Theory]
    [InlineData("action Add a canary due -2d", "is negative")]
    [InlineData("action Add a canary due 2x", "is not a duration")]
    [InlineData("action Add a canary due 400d", "more than 365 days")]
    public void ABadDueDateIsAClearError(string text, string error)
    {
        var result = CommandParser.Parse(text);

        Assert.False(result.Succeeded);
        Assert.Contains(error, result.Error, StringComparison.Ordinal);
    }
}
