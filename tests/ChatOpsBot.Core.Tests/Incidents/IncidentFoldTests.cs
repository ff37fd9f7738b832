using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Tests.Support;

namespace ChatOpsBot.Core.Tests.Incidents;

public class IncidentFoldTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 14, 9, 0, 0, TimeSpan.Zero);

    private readonly Actor _alice = Some.Actor();
    private readonly Actor _bob = Some.Actor();
    private readonly Actor _carol = Some.Actor();
    private readonly Actor _dave = Some.Actor();
    private readonly ConversationRef _channel = Some.Channel();

    /// <summary>A SEV2 that gets worse, changes hands, is fixed and closed: what a real night looks like.</summary>
    private List<IncidentEvent> ARealisticNight() =>
    [
        At(0, _alice, new Declared("Checkout returns 500s", Severity.Sev2, false, null, "Card payments failing")),
        At(0, _alice, new RoleAssigned(Roles.Commander, _alice, null)),
        At(1, Actor.Bot, new ChannelOpened(_channel)),
        At(2, _alice, new RoleAssigned(Roles.Scribe, _bob, null)),
        At(5, _alice, new SeverityChanged(Severity.Sev2, Severity.Sev1)),
        At(6, _bob, new NoteAdded("Error rate 40% since deploy 812")),
        At(7, _alice, new StatusChanged(IncidentStatus.Investigating, IncidentStatus.Identified)),
        At(8, _alice, new RoleAssigned(Roles.Commander, _carol, _alice)),
        At(10, _carol, new ActionItemAdded(1, "Add a canary for payments", _dave)),
        At(12, _carol, new StatusUpdatePosted("Rolling back deploy 812")),
        At(20, _carol, new StatusChanged(IncidentStatus.Identified, IncidentStatus.Monitoring)),
        At(30, _carol, new Resolved("Rolled back deploy 812")),
        At(60, _carol, new Closed()),
    ];

    [Fact]
    public void FoldingARealisticNightGivesTheLastSeverityAndItsHistory()
    {
        var incident = Incident.Fold(ARealisticNight());

        Assert.Equal(Severity.Sev1, incident.Severity);
        Assert.Equal([Severity.Sev2, Severity.Sev1], incident.SeverityHistory);
    }

    [Fact]
    public void FoldingARealisticNightEndsClosedWithResolvedAndClosedTimes()
    {
        var incident = Incident.Fold(ARealisticNight());

        Assert.Equal(IncidentStatus.Closed, incident.Status);
        Assert.Equal(T0.AddMinutes(30), incident.ResolvedAt);
        Assert.Equal(T0.AddMinutes(60), incident.ClosedAt);
        Assert.Equal("Rolled back deploy 812", incident.ResolutionSummary);
    }

    [Fact]
    public void FoldingKeepsWhatTheDeclarationSaid()
    {
        var incident = Incident.Fold(ARealisticNight());

        Assert.Equal(7, incident.Number);
        Assert.Equal("INC-7", incident.Key);
        Assert.Equal("Checkout returns 500s", incident.Title);
        Assert.Equal("Card payments failing", incident.Description);
        Assert.Equal(_alice, incident.Declarer);
        Assert.Equal(T0, incident.DeclaredAt);
    }

    [Fact]
    public void CommanderHandoffMakesTheNewHolderCommanderAndKeepsTheScribe()
    {
        var incident = Incident.Fold(ARealisticNight());

        Assert.Equal(_carol, incident.Commander);
        Assert.Equal(_bob, incident.Scribe);
    }

    [Fact]
    public void CommanderHandoffClosesThePreviousAssignmentAtTheHandoffTime()
    {
        var incident = Incident.Fold(ARealisticNight());

        var commanders = incident.RoleHistory.Where(a => a.Role == Roles.Commander).ToList();
        Assert.Equal(
            [
                new RoleAssignment(Roles.Commander, _alice, T0, RelievedAt: T0.AddMinutes(8)),
                new RoleAssignment(Roles.Commander, _carol, T0.AddMinutes(8)),
            ],
            commanders);
    }

    [Fact]
    public void CommanderHandoffLeavesOtherRolesOpen()
    {
        var incident = Incident.Fold(ARealisticNight());

        var scribe = Assert.Single(incident.RoleHistory, a => a.Role == Roles.Scribe);
        Assert.Null(scribe.RelievedAt);
    }

    [Fact]
    public void AssigningTheCommanderThroughTheVerbRecordsWhoWasRelieved()
    {
        var history = IncidentHistory.Declared(_alice);

        history.Then(i => i.AssignRole("Commander", _carol, new IncidentSettings()), _alice);

        var handoff = Assert.IsType<RoleAssigned>(history.Events[^1]);
        Assert.Equal(_alice, handoff.Previous);
        Assert.Equal(_carol, handoff.Assignee);
        Assert.Equal(Roles.Commander, handoff.Role);
    }

    [Fact]
    public void ActionItemsAreKeptWithTheirOwnerAndTime()
    {
        var incident = Incident.Fold(ARealisticNight());

        Assert.Equal([new ActionItem(1, "Add a canary for payments", _dave, T0.AddMinutes(10))], incident.ActionItems);
    }

    [Fact]
    public void TheChannelIsTheOneTheReconcilerOpened()
    {
        var incident = Incident.Fold(ARealisticNight());

        Assert.Equal(_channel, incident.Channel);
    }

    [Fact]
    public void TheLastStatusUpdateIsKept()
    {
        var incident = Incident.Fold(ARealisticNight());

        Assert.Equal("Rolling back deploy 812", incident.LastStatusUpdate);
        Assert.Equal(T0.AddMinutes(12), incident.LastStatusUpdateAt);
    }

    [Fact]
    public void TheVersionIsTheNumberOfTheLastEvent()
    {
        var events = ARealisticNight();

        var incident = Incident.Fold(events);

        Assert.Equal(events.Count, incident.Version);
    }

    [Fact]
    public void EveryoneInvolvedIsAParticipant()
    {
        var incident = Incident.Fold(ARealisticNight());

        Assert.Equal(
            new[] { _alice, _bob, _carol, _dave }.Select(a => a.Id).Order(),
            incident.Participants.Select(a => a.Id).Order());
    }

    [Fact]
    public void ReopeningAResolvedIncidentForgetsWhenItWasResolved()
    {
        var events = ARealisticNight()[..^1];
        events.Add(At(40, _carol, new Reopened()));

        var incident = Incident.Fold(events);

        Assert.Equal(IncidentStatus.Investigating, incident.Status);
        Assert.Null(incident.ResolvedAt);
    }

    [Fact]
    public void FoldingNothingGivesNoIncident()
    {
        var incident = Incident.Fold([]);

        Assert.False(incident.Exists);
        Assert.Equal(0, incident.Version);
    }

    private int _version;

    private IncidentEvent At(int minutes, Actor actor, IncidentEvent e) => e with
    {
        IncidentNumber = 7,
        Actor = actor,
        Source = EventSource.Command,
        OccurredAt = T0.AddMinutes(minutes),
        Version = ++_version,
    };
}
