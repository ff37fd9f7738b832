using ChatOpsBot.Core.Commands;
using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Core.Tests.Commands;

/// <summary>"action &lt;text&gt; [@owner] [due &lt;when&gt;]" and the verbs that manage an item afterwards.</summary>
public class ActionItemParserTests
{
    private static readonly TimeZoneInfo Helsinki = TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki");

    // Thursday 2026-12-03 10:00 UTC = 12:00 in Helsinki.
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("action Fix it due tomorrow", "2026-12-04T21:59:59Z")]
    [InlineData("action Fix it due friday", "2026-12-04T21:59:59Z")]
    [InlineData("action Fix it due Thursday", "2026-12-03T21:59:59Z")]
    [InlineData("action Fix it due wednesday", "2026-12-09T21:59:59Z")]
    [InlineData("action Fix it due 2026-12-10", "2026-12-10T21:59:59Z")]
    [InlineData("action Fix it due today", "2026-12-03T21:59:59Z")]
    public void ADayDueDateEndsThatDayInTheTeamsTimeZone(string text, string dueUtc)
    {
        var command = Assert.IsType<AddDatedActionItemCommand>(CommandParser.Parse(text).Command!.Command);

        Assert.Equal("Fix it", command.Text);
        Assert.Equal(DateTimeOffset.Parse(dueUtc, System.Globalization.CultureInfo.InvariantCulture), command.Due.Resolve(Now, Helsinki));
    }

    [Theory]
    [InlineData("action Fix it due 2d", 48)]
    [InlineData("action Fix it due 36h", 36)]
    public void ADurationDueDateCountsFromNow(string text, int hours)
    {
        var command = Assert.IsType<AddActionItemCommand>(CommandParser.Parse(text).Command!.Command);

        Assert.Equal("Fix it", command.Text);
        Assert.Equal(TimeSpan.FromHours(hours), command.DueIn);
    }

    [Theory]
    [InlineData("action Roll back @bob due friday")]
    [InlineData("action Roll back due friday @bob")]
    public void TheOwnerMayComeBeforeOrAfterTheDueDate(string text)
    {
        var command = Assert.IsType<AddDatedActionItemCommand>(CommandParser.Parse(text).Command!.Command);

        Assert.Equal("Roll back", command.Text);
        Assert.Equal("bob", command.Owner!.Id);
    }

    [Theory]
    [InlineData("action Fix it due tmorrow", "\"tmorrow\" is not a due date")]
    [InlineData("action Fix it due soon", "\"soon\" is not a due date")]
    [InlineData("action Fix it due 2026-13-01", "\"2026-13-01\" is not a due date")]
    [InlineData("action Fix it due 400d", "more than 365 days away")]
    public void AnUnparseableDueIsRefusedNotKeptInTheText(string text, string error)
    {
        var result = CommandParser.Parse(text);

        Assert.False(result.Succeeded);
        Assert.Contains(error, result.Error, StringComparison.Ordinal);
        Assert.Equal("/incident action <text> [@owner] [due <when>]", result.Usage);
    }

    [Fact]
    public void AnActionItemOver150CharactersIsRefusedWithTheLimitNamed()
    {
        var result = CommandParser.Parse("action " + new string('x', 151));

        Assert.False(result.Succeeded);
        Assert.Equal("That is 151 characters; an action item is at most 150. Put the detail in a note.", result.Error);
    }

    [Fact]
    public void AnActionItemOfExactly150CharactersIsAccepted()
    {
        Assert.True(CommandParser.Parse("action " + new string('x', 150)).Succeeded);
    }

    [Theory]
    [InlineData("2027-12-10", "more than 365 days away")]
    [InlineData("2026-12-01", "is in the past")]
    public void ADayTooFarOrPastIsRefusedWhenResolved(string date, string error)
    {
        var command = Assert.IsType<AddDatedActionItemCommand>(CommandParser.Parse($"action Fix it due {date}").Command!.Command);

        Assert.False(command.Due.TryResolve(Now, Helsinki, out _, out var message));
        Assert.Contains(error, message, StringComparison.Ordinal);
    }

    [Fact]
    public void ActionsListsTheItems()
    {
        Assert.IsType<ListActionItemsCommand>(CommandParser.Parse("INC-4 actions").Command!.Command);
    }

    [Theory]
    [InlineData("action done 2", ActionItemVerb.Done)]
    [InlineData("action done #2", ActionItemVerb.Done)]
    [InlineData("action reopen 2", ActionItemVerb.Reopen)]
    public void DoneAndReopenTakeTheItemNumber(string text, ActionItemVerb verb)
    {
        Assert.Equal(new ChangeActionItemCommand(verb, 2), CommandParser.Parse(text).Command!.Command);
    }

    [Fact]
    public void OwnerTakesTheItemAndAUserOrNone()
    {
        Assert.Equal(new ChangeActionItemCommand(ActionItemVerb.Owner, 3, new Actor("bob")), CommandParser.Parse("action owner 3 @bob").Command!.Command);
        Assert.Equal(new ChangeActionItemCommand(ActionItemVerb.Owner, 3), CommandParser.Parse("action owner 3 none").Command!.Command);
    }

    [Fact]
    public void DueTakesTheItemAndAWhen()
    {
        var command = Assert.IsType<ChangeActionItemCommand>(CommandParser.Parse("action due 1 friday").Command!.Command);

        Assert.Equal(ActionItemVerb.Due, command.Verb);
        Assert.Equal(new DateTimeOffset(2026, 12, 4, 21, 59, 59, TimeSpan.Zero), command.Due!.Resolve(Now, Helsinki));
    }

    [Theory]
    [InlineData("action done", "Which item? `action done 2`", "/incident action done <n>")]
    [InlineData("action done the rollback", "\"the rollback\" is not an action item number", "/incident action done <n>")]
    [InlineData("action reopen x", "\"x\" is not an action item number", "/incident action reopen <n>")]
    [InlineData("action owner 2 bob", "\"bob\" is not a user", "/incident action owner <n> <@user|none>")]
    [InlineData("action owner two @bob", "\"two\" is not an action item number", "/incident action owner <n> <@user|none>")]
    [InlineData("action due 2 someday", "\"someday\" is not a due date", "/incident action due <n> <when>")]
    [InlineData("action due 2", "Say when it is due", "/incident action due <n> <when>")]
    public void AVerbWithABadArgumentIsRefusedWithItsOwnUsage(string text, string error, string usage)
    {
        var result = CommandParser.Parse(text);

        Assert.False(result.Succeeded);
        Assert.StartsWith(error, result.Error, StringComparison.Ordinal);
        Assert.Equal(usage, result.Usage);
    }
}
