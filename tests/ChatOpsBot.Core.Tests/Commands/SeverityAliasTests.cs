using ChatOpsBot.Core.Commands;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsBot.Core.Tests.Commands;

/// <summary>
/// "p1" is refused as a look-alike unless the team configured it (Incidents:SeverityAliases): a word is a severity
/// because someone said so, never because the parser guessed.
/// </summary>
public class SeverityAliasTests
{
    private static readonly Dictionary<string, Severity> Aliases = new() { ["p1"] = Severity.Sev1, ["p2"] = Severity.Sev2 };

    [Fact]
    public void WithoutAliasesP1IsALookAlikeAndRefused()
    {
        var result = CommandParser.Parse("declare p1 Payments down");

        Assert.False(result.Succeeded);
        Assert.StartsWith("\"p1\" is not a severity; the levels are sev1, sev2, sev3 and sev4 (sev1 is the worst).", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("also writes", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("declare p1 Payments down", Severity.Sev1, false)]
    [InlineData("declare P2 Payments down", Severity.Sev2, false)]
    [InlineData("declare private p1 Payments down", Severity.Sev1, true)]
    public void WithAnAliasTheWordIsThatSeverity(string text, Severity severity, bool isPrivate)
    {
        var command = Assert.IsType<DeclareCommand>(CommandParser.Parse(text, Aliases).Command!.Command);

        Assert.Equal(new DeclareCommand(severity, isPrivate, "Payments down"), command);
    }

    [Fact]
    public void TheSeverityCommandTakesAnAliasToo()
    {
        Assert.Equal(new ChangeSeverityCommand(Severity.Sev2), CommandParser.Parse("severity p2", Aliases).Command!.Command);
        Assert.False(CommandParser.Parse("severity p2").Succeeded);
    }

    [Fact]
    public void ALookAlikeThatIsNoAliasIsStillRefusedAndTheRefusalNamesTheAliases()
    {
        var result = CommandParser.Parse("declare p0 Payments down", Aliases);

        Assert.False(result.Succeeded);
        Assert.Contains("the levels are sev1, sev2, sev3 and sev4 (sev1 is the worst). This team also writes p1 for sev1, p2 for sev2.", result.Error, StringComparison.Ordinal);
        Assert.Equal("\"p3\" is not a severity; use sev1 to sev4. This team also writes p1 for sev1, p2 for sev2.", CommandParser.Parse("severity p3", Aliases).Error);
    }

    [Fact]
    public void AnAliasAfterARealSeverityIsPartOfTheTitle()
    {
        var command = Assert.IsType<DeclareCommand>(CommandParser.Parse("declare sev3 p1 queue stuck", Aliases).Command!.Command);

        Assert.Equal(new DeclareCommand(Severity.Sev3, false, "p1 queue stuck"), command);
    }

    [Fact]
    public async Task TheHandlerParsesWithTheConfiguredAliases()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero));
        var general = new ConversationRef("slack", "CGENERAL", "general");
        var alice = new Actor("U1", "alice");
        var refusing = new CommandHandler(new IncidentService(new InMemoryIncidentStore(clock), clock, new IncidentSettings()), clock: clock);
        var store = new InMemoryIncidentStore(clock);
        var incidents = new IncidentService(store, clock, new IncidentSettings { SeverityAliases = Aliases });
        var accepting = new CommandHandler(incidents, clock: clock);

        Assert.True((await refusing.HandleAsync("declare p1 Payments down", alice, general, default)).Failed);
        var declared = await accepting.HandleAsync("declare p1 Payments down", alice, general, default);

        Assert.False(declared.Failed);
        Assert.Equal("Declared INC-1 (SEV1): Payments down. You are the incident commander; the incident channel is opening.", declared.Replies[0].Text);
        Assert.Equal(Severity.Sev1, (await incidents.Reader.GetAsync(1, default)).Severity);
    }
}
