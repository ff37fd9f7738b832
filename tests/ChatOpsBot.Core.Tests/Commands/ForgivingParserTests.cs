using ChatOpsBot.Core.Commands;
using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Core.Tests.Commands;

/// <summary>A command language that forgives typos with a suggestion, but never runs the guess.</summary>
public class ForgivingParserTests
{
    private const string DeclareUsage = "/incident declare [sev1..sev4] [private] <title>";

    [Theory]
    [InlineData("declare sev5 Payments down", "\"sev5\" is not a severity")]
    [InlineData("declare sev0 Payments down", "\"sev0\" is not a severity")]
    [InlineData("declare p1 Payments down", "\"p1\" is not a severity")]
    [InlineData("declare P0 Payments down", "\"P0\" is not a severity")]
    [InlineData("declare critical Payments down", "\"critical\" is not a severity")]
    [InlineData("declare Critical Payments down", "\"Critical\" is not a severity")]
    [InlineData("declare sev-1 Payments down", "\"sev-1\" is not a severity")]
    [InlineData("declare private sev5 Payments down", "\"sev5\" is not a severity")]
    public void ASeverityLookAlikeRefusesTheDeclarationWithTheValidLevels(string text, string error)
    {
        var result = CommandParser.Parse(text);

        Assert.False(result.Succeeded);
        Assert.StartsWith(error, result.Error, StringComparison.Ordinal);
        Assert.Contains("the levels are sev1, sev2, sev3 and sev4", result.Error, StringComparison.Ordinal);
        Assert.Contains("Nothing was declared.", result.Error, StringComparison.Ordinal);
        Assert.Equal(DeclareUsage, result.Usage);
    }

    [Fact]
    public void ASeverityWrittenAsTwoWordsIsRefusedWithTheOneWordForm()
    {
        var result = CommandParser.Parse("declare sev 1 Login broken");

        Assert.False(result.Succeeded);
        Assert.Equal("\"sev 1\" is not a severity; write it as one word: sev1. Nothing was declared.", result.Error);
        Assert.Equal(DeclareUsage, result.Usage);
    }

    [Fact]
    public void ATwoWordSeverityOutOfRangeNamesTheLevels()
    {
        var result = CommandParser.Parse("declare sev 7 Login broken");

        Assert.False(result.Succeeded);
        Assert.Contains("the levels are sev1, sev2, sev3 and sev4", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ALookAlikeAfterARealSeverityIsPartOfTheTitle()
    {
        var command = Assert.IsType<DeclareCommand>(CommandParser.Parse("declare sev2 Critical path latency").Command!.Command);

        Assert.Equal(new DeclareCommand(Severity.Sev2, false, "Critical path latency"), command);
    }

    [Theory]
    [InlineData("declare S3 bucket is public")]
    [InlineData("declare Payments p1 queue stuck")]
    public void WordsThatAreNotSeverityShapedStayInTheTitle(string text)
    {
        Assert.True(CommandParser.Parse(text).Succeeded);
    }

    [Theory]
    [InlineData("declar Payments down", "declare", "/incident declare [sev1..sev4] [private] <title>")]
    [InlineData("sevirity sev1", "severity", "/incident severity <sev1..sev4>")]
    [InlineData("scrbe @bob", "scribe", "/incident scribe @user")]
    [InlineData("resolv Fixed", "resolve", "/incident resolve [summary]")]
    [InlineData("ntoe Disk full", "note", "/incident note <text>")]
    public void AnUnknownSubcommandSuggestsTheClosestWithItsUsageOnly(string text, string suggestion, string usage)
    {
        var result = CommandParser.Parse(text);

        Assert.False(result.Succeeded);
        Assert.EndsWith($"Did you mean `{suggestion}`?", result.Error, StringComparison.Ordinal);
        Assert.Equal(usage, result.Usage);
    }

    [Fact]
    public void TwoEquallyCloseSubcommandsAreBothSuggestedWithBothUsages()
    {
        var result = CommandParser.Parse("stat");

        Assert.False(result.Succeeded);
        Assert.Equal("I don't know the command \"stat\". Did you mean `stats` or `status`?", result.Error);
        Assert.Equal("Usage: `/incident stats [7d|30d|90d]`\nUsage: `/incident status <investigating|identified|monitoring>`", result.Usage);
    }

    [Theory]
    [InlineData("commander none", "commander")]
    [InlineData("ic NONE", "commander")]
    [InlineData("scribe none", "scribe")]
    [InlineData("role scribe none", "scribe")]
    [InlineData("role communications none", "communications")]
    public void NoneLeavesTheRole(string text, string role)
    {
        var command = Assert.IsType<ClearRoleCommand>(CommandParser.Parse(text).Command!.Command);

        Assert.Equal(role, command.Role);
    }

    [Fact]
    public void HelpTakesASubcommandOfOneOrTwoWords()
    {
        Assert.Equal(new HelpCommand("action done"), CommandParser.Parse("help action done").Command!.Command);
    }

    [Fact]
    public void HelpForOneSubcommandShowsItsUsageDescriptionAndExamplesOnly()
    {
        var help = CommandHelp.Describe("declare");

        Assert.StartsWith("`/incident declare [sev1..sev4] [private] <title>`\nDeclare an incident", help, StringComparison.Ordinal);
        Assert.Contains("/incident declare sev2 Checkout is failing", help, StringComparison.Ordinal);
        Assert.DoesNotContain("/incident close", help, StringComparison.Ordinal);
    }

    [Fact]
    public void HelpForAnUnknownSubcommandSuggestsTheClosest()
    {
        Assert.Equal("There is no command \"declar\". Did you mean `help declare`? `/incident help` lists them all.", CommandHelp.Describe("declar"));
    }

    [Theory]
    [InlineData("declar", new[] { "declare" })]
    [InlineData("xyzzy", new string[0])]
    [InlineData("scrib", new[] { "scribe" })]
    public void SuggestionsAreTheClosestByEditDistanceOrNone(string word, string[] expected)
    {
        Assert.Equal(expected, Suggestions.Closest(word, ["declare", "scribe", "subscribe", "close", "status"]));
    }

    [Theory]
    [InlineData("sevirity", "severity", 1)]
    [InlineData("declrae", "declare", 1)]
    [InlineData("note", "note", 0)]
    [InlineData("", "abc", 3)]
    public void EditDistanceCountsASwapOfNeighboursAsOne(string a, string b, int distance)
    {
        Assert.Equal(distance, Suggestions.Distance(a, b));
    }
}
