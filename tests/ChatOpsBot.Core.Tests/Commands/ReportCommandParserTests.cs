using ChatOpsBot.Core.Commands;
using ChatOpsBot.Core.Timeline;

namespace ChatOpsBot.Core.Tests.Commands;

public class ReportCommandParserTests
{
    [Theory]
    [InlineData("export md", TimelineFormat.Markdown)]
    [InlineData("export markdown", TimelineFormat.Markdown)]
    [InlineData("/incident INC-3 export CSV", TimelineFormat.Csv)]
    [InlineData("export json", TimelineFormat.Json)]
    public void ExportTakesOneOfThreeFormats(string text, TimelineFormat format)
    {
        var parsed = CommandParser.Parse(text);

        Assert.Equal(new ExportCommand(format), parsed.Command!.Command);
    }

    [Theory]
    [InlineData("export", "Which format? md, csv or json.")]
    [InlineData("export xlsx", "\"xlsx\" is not an export format; use md, csv or json.")]
    public void ExportWithoutAKnownFormatSaysWhichFormatsExist(string text, string error)
    {
        var parsed = CommandParser.Parse(text);

        Assert.Equal(error, parsed.Error);
        Assert.Equal("/incident export <md|csv|json>", parsed.Usage);
    }

    [Theory]
    [InlineData("subscribe INC-7", true, 7)]
    [InlineData("/incident unsubscribe inc-7", false, 7)]
    [InlineData("INC-7 subscribe", true, 7)]
    [InlineData("INC-7 subscribe INC-7", true, 7)]
    [InlineData("subscribe", true, null)]
    public void SubscribeNamesTheIncidentAfterTheWordBeforeItOrByTheChannel(string text, bool subscribe, int? number)
    {
        var parsed = CommandParser.Parse(text);

        Assert.Equal(new SubscribeCommand(subscribe), parsed.Command!.Command);
        Assert.Equal(number, parsed.Command.IncidentNumber);
    }

    [Theory]
    [InlineData("subscribe everything")]
    [InlineData("subscribe INC-7 INC-8")]
    [InlineData("INC-7 subscribe INC-8")]
    [InlineData("subscribe INC-0")]
    public void SubscribeToSomethingThatIsNotOneIncidentIsAnError(string text)
    {
        var parsed = CommandParser.Parse(text);

        Assert.False(parsed.Succeeded);
        Assert.Equal("/incident subscribe INC-n", parsed.Usage);
    }

    [Theory]
    [InlineData("postmortem", typeof(PostmortemCommand))]
    [InlineData("brief", typeof(BriefCommand))]
    [InlineData("review", typeof(ReviewCommand))]
    public void PostmortemAndBriefTakeNoArguments(string word, Type type)
    {
        Assert.IsType(type, CommandParser.Parse(word).Command!.Command);
        Assert.Equal($"`{word}` takes no arguments.", CommandParser.Parse(word + " now").Error);
    }

    [Fact]
    public void HelpListsTheNewCommands()
    {
        var help = CommandUsage.Help();

        Assert.Contains("/incident postmortem", help, StringComparison.Ordinal);
        Assert.Contains("/incident export <md|csv|json>", help, StringComparison.Ordinal);
        Assert.Contains("/incident brief", help, StringComparison.Ordinal);
        Assert.Contains("/incident review", help, StringComparison.Ordinal);
        Assert.Contains("/incident subscribe INC-n", help, StringComparison.Ordinal);
        Assert.Contains("/incident unsubscribe INC-n", help, StringComparison.Ordinal);
    }
}
