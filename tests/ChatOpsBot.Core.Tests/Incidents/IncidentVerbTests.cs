using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Tests.Support;

namespace ChatOpsBot.Core.Tests.Incidents;

public class IncidentVerbTests
{
    private static readonly IncidentSettings Settings = new();

    // Declare

    [Fact]
    public void DeclaringWithoutATitleIsRefused()
    {
        var decision = Incident.Declare("   ", Severity.Sev2, false, Some.Actor(), null, null, Settings);

        Assert.True(decision.IsRefused);
        Assert.Equal("An incident needs a title.", decision.Refusal);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void DeclaringWithATitleOver150CharactersIsRefusedWithTheLength()
    {
        var decision = Incident.Declare(new string('x', 151), Severity.Sev2, false, Some.Actor(), null, null, Settings);

        Assert.True(decision.IsRefused);
        Assert.Contains("151", decision.Refusal);
        Assert.Contains("150", decision.Refusal);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void DeclaringWithATitleOfExactly150CharactersIsAccepted()
    {
        var decision = Incident.Declare(new string('x', 150), Severity.Sev2, false, Some.Actor(), null, null, Settings);

        Assert.False(decision.IsRefused);
    }

    [Fact]
    public void DeclaringMakesTheDeclarerCommander()
    {
        var alice = Some.Actor();

        var decision = Incident.Declare(" Checkout down ", Severity.Sev1, true, alice, null, null, Settings);

        Assert.Collection(decision.Events,
            e => Assert.Equal(new Declared("Checkout down", Severity.Sev1, true, null), e),
            e => Assert.Equal(new RoleAssigned(Roles.Commander, alice, null), e));
    }

    [Fact]
    public void DeclaringWithANamedCommanderMakesThemCommanderInstead()
    {
        var alice = Some.Actor();
        var bob = Some.Actor();

        var decision = Incident.Declare(Some.Title(), Severity.Sev3, false, alice, bob, null, Settings);

        var role = Assert.IsType<RoleAssigned>(decision.Events[^1]);
        Assert.Equal(bob, role.Assignee);
    }

    // Roles

    [Fact]
    public void AssigningAnUnknownRoleIsRefusedWithTheListOfRoles()
    {
        var incident = IncidentHistory.Declared().State;

        var decision = incident.AssignRole("janitor", Some.Actor(), Settings);

        Assert.Equal("There is no role \"janitor\". Roles: commander, scribe, communications, operations.", decision.Refusal);
    }

    [Fact]
    public void AssigningARoleIgnoresCaseAndUsesTheConfiguredName()
    {
        var bob = Some.Actor();
        var incident = IncidentHistory.Declared().State;

        var decision = incident.AssignRole("SCRIBE", bob, Settings);

        Assert.Equal(new RoleAssigned(Roles.Scribe, bob, null), Assert.Single(decision.Events));
    }

    [Fact]
    public void AssigningTheCurrentHolderAgainChangesNothing()
    {
        var alice = Some.Actor();
        var incident = IncidentHistory.Declared(alice).State;

        var decision = incident.AssignRole(Roles.Commander, alice with { Name = "Alice renamed" }, Settings);

        Assert.False(decision.IsRefused);
        Assert.Empty(decision.Events);
        Assert.Contains("already commander of INC-1", decision.NoChangeReason);
    }

    // Severity and status

    [Fact]
    public void ChangingToTheSameSeverityChangesNothing()
    {
        var incident = IncidentHistory.Declared(severity: Severity.Sev2).State;

        var decision = incident.ChangeSeverity(Severity.Sev2);

        Assert.Empty(decision.Events);
        Assert.Equal("INC-1 is already SEV2.", decision.NoChangeReason);
    }

    [Fact]
    public void ChangingSeverityRecordsFromAndTo()
    {
        var incident = IncidentHistory.Declared(severity: Severity.Sev3).State;

        var decision = incident.ChangeSeverity(Severity.Sev1);

        Assert.Equal(new SeverityChanged(Severity.Sev3, Severity.Sev1), Assert.Single(decision.Events));
    }

    [Theory]
    [InlineData(IncidentStatus.Resolved, "resolve")]
    [InlineData(IncidentStatus.Closed, "close")]
    public void ResolvingOrClosingThroughStatusIsRefusedWithTheVerbToUse(IncidentStatus status, string verb)
    {
        var incident = IncidentHistory.Declared().State;

        var decision = incident.ChangeStatus(status);

        Assert.True(decision.IsRefused);
        Assert.Contains($"to {verb} an incident", decision.Refusal);
    }

    [Fact]
    public void ChangingToTheSameStatusChangesNothing()
    {
        var incident = IncidentHistory.Declared().State;

        var decision = incident.ChangeStatus(IncidentStatus.Investigating);

        Assert.Empty(decision.Events);
        Assert.Equal("INC-1 is already investigating.", decision.NoChangeReason);
    }

    [Fact]
    public void GoingBackFromMonitoringToInvestigatingIsAllowed()
    {
        var history = IncidentHistory.Declared().Then(i => i.ChangeStatus(IncidentStatus.Monitoring));

        var decision = history.State.ChangeStatus(IncidentStatus.Investigating);

        Assert.Equal(new StatusChanged(IncidentStatus.Monitoring, IncidentStatus.Investigating), Assert.Single(decision.Events));
    }

    [Fact]
    public void ChangingTheStatusOfAResolvedIncidentAsksToReopenFirst()
    {
        var incident = IncidentHistory.Declared().Then(i => i.Resolve(null)).State;

        var decision = incident.ChangeStatus(IncidentStatus.Monitoring);

        Assert.Equal("INC-1 is resolved. Use `reopen` first.", decision.Refusal);
    }

    // Closed incidents

    public static TheoryData<string> VerbsOnAClosedIncident => ["role", "severity", "status", "update", "note", "resolve"];

    [Theory]
    [MemberData(nameof(VerbsOnAClosedIncident))]
    public void ActingOnAClosedIncidentIsRefused(string verb)
    {
        var incident = IncidentHistory.Declared(severity: Severity.Sev2).Then(i => i.Resolve(null)).Then(i => i.Close()).State;

        var decision = verb switch
        {
            "role" => incident.AssignRole(Roles.Scribe, Some.Actor(), Settings),
            "severity" => incident.ChangeSeverity(Severity.Sev1),
            "status" => incident.ChangeStatus(IncidentStatus.Monitoring),
            "update" => incident.PostStatusUpdate(Some.String()),
            "note" => incident.AddNote(Some.String()),
            _ => incident.Resolve(Some.String()),
        };

        Assert.Equal("INC-1 is closed; nothing more can be added to it.", decision.Refusal);
        Assert.Empty(decision.Events);
    }

    // Resolve, close, reopen

    [Fact]
    public void ResolvingTwiceIsRefusedAndPointsAtReopen()
    {
        var incident = IncidentHistory.Declared().Then(i => i.Resolve("Rolled back")).State;

        var decision = incident.Resolve("Again");

        Assert.Equal("INC-1 is already resolved. Use `reopen` if it is back.", decision.Refusal);
    }

    [Fact]
    public void ResolvingWithABlankSummaryRecordsNoSummary()
    {
        var incident = IncidentHistory.Declared().State;

        var decision = incident.Resolve("   ");

        Assert.Equal(new Resolved(null), Assert.Single(decision.Events));
    }

    [Fact]
    public void ResolvingWithASummaryOver4000CharactersIsRefused()
    {
        var incident = IncidentHistory.Declared().State;

        var decision = incident.Resolve(new string('s', 4001));

        Assert.Equal("Keep the summary to 4000 characters.", decision.Refusal);
    }

    [Fact]
    public void ClosingBeforeResolvingIsRefusedAndSaysToResolveFirst()
    {
        var incident = IncidentHistory.Declared().Then(i => i.ChangeStatus(IncidentStatus.Identified)).State;

        var decision = incident.Close();

        Assert.Equal("INC-1 is still identified. Resolve it first: `resolve <summary>`.", decision.Refusal);
    }

    [Fact]
    public void ClosingAResolvedIncidentIsAccepted()
    {
        var incident = IncidentHistory.Declared().Then(i => i.Resolve(null)).State;

        Assert.IsType<Closed>(Assert.Single(incident.Close().Events));
    }

    [Fact]
    public void ClosingTwiceIsRefused()
    {
        var incident = IncidentHistory.Declared().Then(i => i.Resolve(null)).Then(i => i.Close()).State;

        Assert.Equal("INC-1 is already closed.", incident.Close().Refusal);
    }

    [Fact]
    public void ReopeningAResolvedIncidentIsAccepted()
    {
        var incident = IncidentHistory.Declared().Then(i => i.Resolve(null)).State;

        Assert.IsType<Reopened>(Assert.Single(incident.Reopen().Events));
    }

    [Fact]
    public void ReopeningAnOpenIncidentIsRefused()
    {
        var incident = IncidentHistory.Declared().Then(i => i.ChangeStatus(IncidentStatus.Monitoring)).State;

        Assert.Equal("INC-1 is not resolved; it is monitoring.", incident.Reopen().Refusal);
    }

    [Fact]
    public void ReopeningAClosedIncidentIsRefusedAndSuggestsANewIncident()
    {
        var incident = IncidentHistory.Declared().Then(i => i.Resolve(null)).Then(i => i.Close()).State;

        var decision = incident.Reopen();

        Assert.Equal("INC-1 is closed and cannot be reopened. Declare a new incident and link it.", decision.Refusal);
    }

    // Text

    public static TheoryData<string> TextVerbs => ["update", "note"];

    [Theory]
    [MemberData(nameof(TextVerbs))]
    public void TextOver4000CharactersIsRefusedWithItsLength(string verb)
    {
        var incident = IncidentHistory.Declared().State;
        var text = new string('t', 4001);

        var decision = Text(incident, verb, text);

        Assert.Equal("Keep it to 4000 characters; this is 4001.", decision.Refusal);
    }

    [Theory]
    [MemberData(nameof(TextVerbs))]
    public void TextOfExactly4000CharactersIsAccepted(string verb)
    {
        var incident = IncidentHistory.Declared().State;

        var decision = Text(incident, verb, new string('t', 4000));

        Assert.Single(decision.Events);
    }

    [Theory]
    [MemberData(nameof(TextVerbs))]
    public void BlankTextIsRefused(string verb)
    {
        var incident = IncidentHistory.Declared().State;

        var decision = Text(incident, verb, " ");

        Assert.True(decision.IsRefused);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void ActionItemsAreNumberedInOrder()
    {
        var dave = Some.Actor();
        var incident = IncidentHistory.Declared().Then(i => i.AddActionItem("First", null)).State;

        var decision = incident.AddActionItem(" Second ", dave);

        Assert.Equal(new ActionItemAdded(2, "Second", dave), Assert.Single(decision.Events));
    }

    private static Decision Text(Incident incident, string verb, string text) => verb switch
    {
        "update" => incident.PostStatusUpdate(text),
        "note" => incident.AddNote(text),
        _ => incident.AddActionItem(text, null),
    };
}
