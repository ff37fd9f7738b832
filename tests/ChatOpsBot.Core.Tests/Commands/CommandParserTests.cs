using ChatOpsBot.Core.Commands;
using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Core.Tests.Commands;

public class CommandParserTests
{
    // Declare

    [Theory]
    [InlineData("/incident declare sev1 private Checkout down", Severity.Sev1, true)]
    [InlineData("declare private SEV2 Checkout down", Severity.Sev2, true)]
    [InlineData("declare sev4 Checkout down", Severity.Sev4, false)]
    [InlineData("/INCIDENT Declare private Checkout down", null, true)]
    [InlineData("declare Checkout down", null, false)]
    public void DeclareTakesSeverityAndPrivateInEitherOrderBeforeTheTitle(string text, Severity? severity, bool isPrivate)
    {
        var command = Parse<DeclareCommand>(text);

        Assert.Equal(new DeclareCommand(severity, isPrivate, "Checkout down"), command);
    }

    [Fact]
    public void DeclareKeepsSeverityLikeWordsInsideTheTitle()
    {
        var command = Parse<DeclareCommand>("declare sev2 sev1 customers hit private API errors");

        Assert.Equal(new DeclareCommand(Severity.Sev2, false, "sev1 customers hit private API errors"), command);
    }

    [Theory]
    [InlineData("declare")]
    [InlineData("declare sev1 private")]
    public void DeclareWithoutATitleIsAnError(string text)
    {
        var result = CommandParser.Parse(text);

        AssertError(result, "The incident needs a title.", "/incident declare [sev1..sev4] [private] <title>");
    }

    [Fact]
    public void DeclareLeavesTheTitleLengthToTheConfiguredRule()
    {
        var title = new string('x', 151);

        Assert.Equal(title, Parse<DeclareCommand>("declare sev2 " + title).Title);
    }

    [Fact]
    public void DeclareWithATitleOfExactly150CharactersIsAccepted()
    {
        var title = new string('x', 150);

        Assert.Equal(title, Parse<DeclareCommand>("declare " + title).Title);
    }

    [Fact]
    public void DeclareWithAnIncidentNumberIsAnError()
    {
        var result = CommandParser.Parse("INC-3 declare Checkout down");

        AssertError(result, "`declare` starts a new incident; leave out the incident number.", "/incident declare [sev1..sev4] [private] <title>");
    }

    // Roles and mentions

    [Theory]
    [InlineData("commander <@U123>", "U123", null)]
    [InlineData("ic <@U123|alice>", "U123", "alice")]
    [InlineData("/incident commander @alice", "alice", null)]
    [InlineData("/incident commander @Alice", "alice", null)]
    [InlineData("commander <@29:1GcS4EyB_oSI8A-88Xm|Megan\u00A0Bowen>", "29:1GcS4EyB_oSI8A-88Xm", "Megan Bowen")]
    public void CommanderAcceptsEveryMentionForm(string text, string id, string? name)
    {
        var command = Parse<AssignRoleCommand>(text);

        Assert.Equal(new AssignRoleCommand(Roles.Commander, new Actor(id, name)), command);
    }

    [Fact]
    public void ScribeAssignsTheScribe()
    {
        Assert.Equal(new AssignRoleCommand(Roles.Scribe, new Actor("bob")), Parse<AssignRoleCommand>("scribe @bob"));
    }

    [Fact]
    public void RoleAssignsTheNamedRoleInLowerCase()
    {
        Assert.Equal(new AssignRoleCommand("communications", new Actor("U9", "carol")), Parse<AssignRoleCommand>("role Communications <@U9|carol>"));
    }

    [Theory]
    [InlineData("commander", "Say who: `commander @user`.", "/incident commander @user")]
    [InlineData("ic", "Say who: `ic @user`.", "/incident commander @user")]
    [InlineData("scribe", "Say who: `scribe @user`.", "/incident scribe @user")]
    [InlineData("role scribe", "Say who: `role scribe @user`.", "/incident role <role> @user")]
    [InlineData("role @alice", "Name the role before the user.", "/incident role <role> @user")]
    public void ARoleWithoutAUserIsAnError(string text, string error, string usage)
    {
        AssertError(CommandParser.Parse(text), error, usage);
    }

    [Theory]
    [InlineData("commander alice", "/incident commander @user")]
    [InlineData("scribe @alice @bob", "/incident scribe @user")]
    public void SomethingOtherThanOneUserIsAnError(string text, string usage)
    {
        var result = CommandParser.Parse(text);

        Assert.False(result.Succeeded);
        Assert.Contains("is not a user; mention one person, like @alice.", result.Error);
        Assert.Equal(usage, result.Usage);
    }

    // Severity and status

    [Theory]
    [InlineData("severity sev1", Severity.Sev1)]
    [InlineData("severity SEV3", Severity.Sev3)]
    [InlineData("sev sev4", Severity.Sev4)]
    public void SeverityTakesSev1ToSev4(string text, Severity severity)
    {
        Assert.Equal(new ChangeSeverityCommand(severity), Parse<ChangeSeverityCommand>(text));
    }

    [Theory]
    [InlineData("severity sev5", "\"sev5\" is not a severity; use sev1 to sev4.")]
    [InlineData("severity high", "\"high\" is not a severity; use sev1 to sev4.")]
    [InlineData("severity", "Which severity?")]
    public void ABadSeverityIsAnError(string text, string error)
    {
        AssertError(CommandParser.Parse(text), error, "/incident severity <sev1..sev4>");
    }

    [Theory]
    [InlineData("status investigating", IncidentStatus.Investigating)]
    [InlineData("status Identified", IncidentStatus.Identified)]
    [InlineData("status monitoring", IncidentStatus.Monitoring)]
    public void StatusTakesTheOpenStatuses(string text, IncidentStatus status)
    {
        Assert.Equal(new ChangeStatusCommand(status), Parse<ChangeStatusCommand>(text));
    }

    [Theory]
    [InlineData("status fixed", "\"fixed\" is not a status.")]
    [InlineData("status", "Which status?")]
    [InlineData("status resolved", "Use `/incident resolve` for that.")]
    [InlineData("status Closed", "Use `/incident close` for that.")]
    public void ABadStatusIsAnError(string text, string error)
    {
        AssertError(CommandParser.Parse(text), error, "/incident status <investigating|identified|monitoring>");
    }

    // Text commands

    [Fact]
    public void UpdateKeepsTheWholeText()
    {
        Assert.Equal(new PostUpdateCommand("Rolling back deploy 812, ETA 10 min"), Parse<PostUpdateCommand>("update Rolling back deploy 812, ETA 10 min"));
    }

    [Fact]
    public void NoteKeepsTheWholeText()
    {
        Assert.Equal(new AddNoteCommand("Error rate @ 40%"), Parse<AddNoteCommand>("/incident note Error rate @ 40%"));
    }

    [Theory]
    [InlineData("update", "Write the update after `update`.", "/incident update [next <duration>] <text>")]
    [InlineData("note", "Write the note after `note`.", "/incident note <text>")]
    [InlineData("action", "Describe the action item after `action`.", "/incident action <text> [@owner] [due <when>]")]
    [InlineData("action @bob", "Describe the action item after `action`.", "/incident action <text> [@owner] [due <when>]")]
    public void TextCommandsWithoutTextAreErrors(string text, string error, string usage)
    {
        AssertError(CommandParser.Parse(text), error, usage);
    }

    [Fact]
    public void TextOver4000CharactersIsAnError()
    {
        AssertError(CommandParser.Parse("note " + new string('n', 4001)), "That is 4001 characters; keep it to 4000.", "/incident note <text>");
    }

    [Fact]
    public void ActionTakesTheLastMentionAsOwner()
    {
        Assert.Equal(new AddActionItemCommand("Roll back the deploy", new Actor("U7", "bob")), Parse<AddActionItemCommand>("action Roll back the deploy <@U7|bob>"));
    }

    [Fact]
    public void ActionWithoutAMentionHasNoOwner()
    {
        Assert.Equal(new AddActionItemCommand("Ask @bob about the canary", null), Parse<AddActionItemCommand>("action Ask @bob about the canary"));
    }

    // Lifecycle and views

    [Theory]
    [InlineData("resolve", null)]
    [InlineData("resolve Rolled back deploy 812", "Rolled back deploy 812")]
    public void ResolveTakesAnOptionalSummary(string text, string? summary)
    {
        Assert.Equal(new ResolveCommand(summary), Parse<ResolveCommand>(text));
    }

    [Theory]
    [InlineData("close", typeof(CloseCommand))]
    [InlineData("reopen", typeof(ReopenCommand))]
    [InlineData("roles", typeof(ShowRolesCommand))]
    [InlineData("timeline", typeof(ShowTimelineCommand))]
    [InlineData("list", typeof(ListCommand))]
    [InlineData("LIST", typeof(ListCommand))]
    public void CommandsWithoutArgumentsParse(string text, Type type)
    {
        var result = CommandParser.Parse(text);

        Assert.True(result.Succeeded, result.Error);
        Assert.IsType(type, result.Command!.Command);
    }

    [Theory]
    [InlineData("close now", "`close` takes no arguments.", "/incident close")]
    [InlineData("reopen please", "`reopen` takes no arguments.", "/incident reopen")]
    public void CommandsWithoutArgumentsRefuseArguments(string text, string error, string usage)
    {
        AssertError(CommandParser.Parse(text), error, usage);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/incident")]
    [InlineData("help")]
    public void NothingOrHelpAsksForHelp(string text)
    {
        Assert.Equal(new HelpCommand(null), Parse<HelpCommand>(text));
    }

    [Fact]
    public void HelpTakesATopic()
    {
        Assert.Equal(new HelpCommand("declare"), Parse<HelpCommand>("help Declare"));
    }

    // The incident prefix

    [Theory]
    [InlineData("INC-7 note Rolled back", 7)]
    [InlineData("/incident inc-12 note Rolled back", 12)]
    public void AnIncidentPrefixNamesTheIncident(string text, int number)
    {
        var result = CommandParser.Parse(text);

        Assert.Equal(new ParsedCommand(new AddNoteCommand("Rolled back"), number), result.Command);
    }

    [Fact]
    public void WithoutAPrefixTheIncidentIsLeftToTheChannel()
    {
        Assert.Null(CommandParser.Parse("note Rolled back").Command!.IncidentNumber);
    }

    [Fact]
    public void IncidentZeroIsAnError()
    {
        var result = CommandParser.Parse("INC-0 note x");

        Assert.Equal("\"INC-0\" is not an incident number.", result.Error);
    }

    // Errors

    [Fact]
    public void AnUnknownSubcommandWithNothingCloseIsAnErrorPointingAtHelp()
    {
        var result = CommandParser.Parse("escalate now");

        Assert.False(result.Succeeded);
        Assert.Equal("I don't know the command \"escalate\". `/incident help` lists the commands.", result.Error);
        Assert.Equal("/incident help [command]", result.Usage);
    }

    [Fact]
    public void HelpListsEverySubcommand()
    {
        var help = CommandUsage.Help();

        Assert.All(CommandUsage.All, u => Assert.Contains(u.Usage, help));
    }

    private static T Parse<T>(string text) where T : IncidentCommand
    {
        var result = CommandParser.Parse(text);
        Assert.True(result.Succeeded, result.Error);
        return Assert.IsType<T>(result.Command!.Command);
    }

    private static void AssertError(ParseResult result, string error, string usage)
    {
        Assert.False(result.Succeeded);
        Assert.Equal(error, result.Error);
        Assert.Equal(usage, result.Usage);
    }
}
