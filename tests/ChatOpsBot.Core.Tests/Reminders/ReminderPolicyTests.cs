using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Reminders;
using ChatOpsBot.Core.Tests.Support;

namespace ChatOpsBot.Core.Tests.Reminders;

/// <summary>The cadence policy on a fake clock: minutes and days pass in an instant.</summary>
public class ReminderPolicyTests
{
    private static readonly ReminderSettings Defaults = new();

    [Theory]
    [InlineData(Severity.Sev1, 15)]
    [InlineData(Severity.Sev2, 30)]
    [InlineData(Severity.Sev3, 60)]
    public void AStatusUpdateIsFirstDueOneIntervalAfterDeclaration(Severity severity, int minutes)
    {
        var history = IncidentHistory.Declared(severity: severity);

        Assert.Equal(IncidentHistory.Start.AddMinutes(minutes), StatusDue(history));
        Assert.Empty(DueNow(history));
    }

    [Fact]
    public void ASev4HasNoStatusUpdateCadenceByDefault()
    {
        var history = IncidentHistory.Declared(severity: Severity.Sev4);

        Assert.Null(StatusDue(history));
        Assert.Null(ReminderPolicy.NextWakeUp(history.State, Defaults, history.Clock.GetUtcNow()));
    }

    [Fact]
    public void AnUpdateResetsTheClock()
    {
        var history = IncidentHistory.Declared(severity: Severity.Sev1);
        history.Clock.Advance(TimeSpan.FromMinutes(10));
        history.Then(i => i.PostStatusUpdate("Rolling back"));

        Assert.Equal(IncidentHistory.Start.AddMinutes(25), StatusDue(history));
    }

    [Fact]
    public void UpdateNextWinsForItsRoundAndTheCadenceTakesOverAfter()
    {
        var history = IncidentHistory.Declared(severity: Severity.Sev1);
        history.Then(i => i.PostStatusUpdate("Watching", TimeSpan.FromMinutes(5)));
        Assert.Equal(IncidentHistory.Start.AddMinutes(5), StatusDue(history));

        history.Clock.Advance(TimeSpan.FromMinutes(5));
        Send(history);

        Assert.Equal(IncidentHistory.Start.AddMinutes(20), StatusDue(history));
    }

    [Fact]
    public void AnUnansweredReminderRepeatsEveryInterval()
    {
        var history = IncidentHistory.Declared(severity: Severity.Sev2);
        history.Clock.Advance(TimeSpan.FromMinutes(30));
        var first = Assert.Single(StatusDueNow(history));
        Assert.Equal(new DueReminder(ReminderKind.StatusUpdate, IncidentHistory.Start.AddMinutes(30)), first);

        Send(history);

        Assert.Empty(StatusDueNow(history));
        Assert.Equal(IncidentHistory.Start.AddMinutes(60), StatusDue(history));
    }

    [Fact]
    public void AMissedWindowYieldsOneCatchUpReminderNotABurst()
    {
        var history = IncidentHistory.Declared(severity: Severity.Sev1);
        history.Clock.Advance(TimeSpan.FromMinutes(67)); // the host was down: four windows passed

        var catchUp = Assert.Single(StatusDueNow(history));
        Assert.Equal(IncidentHistory.Start.AddMinutes(60), catchUp.DueAt);
        Send(history);

        Assert.Empty(StatusDueNow(history));
        Assert.Equal(IncidentHistory.Start.AddMinutes(75), StatusDue(history));
    }

    [Fact]
    public void RaisingTheSeverityReplansAtOnce()
    {
        var history = IncidentHistory.Declared(severity: Severity.Sev3);
        history.Clock.Advance(TimeSpan.FromMinutes(20));

        history.Then(i => i.ChangeSeverity(Severity.Sev1));

        Assert.Equal(IncidentHistory.Start.AddMinutes(15), Assert.Single(StatusDueNow(history)).DueAt);
    }

    [Fact]
    public void AReminderPlannedBeforeASeverityDropIsNoLongerDue()
    {
        var history = IncidentHistory.Declared(severity: Severity.Sev1);
        var planned = new DueReminder(ReminderKind.StatusUpdate, IncidentHistory.Start.AddMinutes(15));
        history.Then(i => i.ChangeSeverity(Severity.Sev3));
        history.Clock.Advance(TimeSpan.FromMinutes(15));

        Assert.DoesNotContain(planned, ReminderPolicy.DueNow(history.State, Defaults, history.Clock.GetUtcNow()));
    }

    [Fact]
    public void ResolvingStopsStatusReminders()
    {
        var history = IncidentHistory.Declared(severity: Severity.Sev1);
        history.Then(i => i.Resolve("fixed"));
        history.Clock.Advance(TimeSpan.FromHours(1));

        Assert.Null(StatusDue(history));
    }

    [Fact]
    public void APostmortemIsDueTwoBusinessDaysAfterASev1IsResolvedAndRepeatsUntilClosed()
    {
        var history = IncidentHistory.Declared(severity: Severity.Sev1); // Friday 09:00
        history.Then(i => i.Resolve("fixed"));

        Assert.Equal(new DateTimeOffset(2025, 3, 18, 9, 0, 0, TimeSpan.Zero), Due(history, ReminderKind.PostmortemDue)); // Tuesday
        history.Clock.Advance(TimeSpan.FromDays(4));
        Send(history);
        Assert.Equal(new DateTimeOffset(2025, 3, 19, 9, 0, 0, TimeSpan.Zero), Due(history, ReminderKind.PostmortemDue));

        history.Then(i => i.Close());
        Assert.Null(Due(history, ReminderKind.PostmortemDue));
    }

    [Fact]
    public void ALesserIncidentsPostmortemIsDueInFiveBusinessDays()
    {
        var history = IncidentHistory.Declared(severity: Severity.Sev3);
        history.Then(i => i.Resolve(null));

        Assert.Equal(new DateTimeOffset(2025, 3, 21, 9, 0, 0, TimeSpan.Zero), Due(history, ReminderKind.PostmortemDue));
    }

    [Fact]
    public void AnIncidentDeclaredWithoutAHumanCommanderIsFlaggedOnceAfterFiveMinutes()
    {
        var history = new IncidentHistory();
        history.Record(Incident.Declare(Some.Title(), Severity.Sev2, false, Actor.Bot, null, null, new IncidentSettings()), Actor.Bot);

        Assert.Equal(IncidentHistory.Start.AddMinutes(5), Due(history, ReminderKind.MissingCommander));
        history.Clock.Advance(TimeSpan.FromMinutes(6));
        Send(history);
        Assert.Null(Due(history, ReminderKind.MissingCommander));
    }

    [Fact]
    public void TakingTheCommanderRoleEndsTheGap()
    {
        var history = new IncidentHistory();
        history.Record(Incident.Declare(Some.Title(), Severity.Sev2, false, Actor.Bot, null, null, new IncidentSettings()), Actor.Bot);
        history.Then(i => i.AssignRole(Roles.Commander, Some.Actor(), new IncidentSettings()));

        Assert.Null(Due(history, ReminderKind.MissingCommander));
    }

    [Theory]
    [InlineData(Severity.Sev1, true)]
    [InlineData(Severity.Sev2, true)]
    [InlineData(Severity.Sev3, false)]
    public void OnlyASev1OrSev2WantsAScribeAfterTenMinutes(Severity severity, bool wanted)
    {
        var history = IncidentHistory.Declared(severity: severity);

        Assert.Equal(wanted ? IncidentHistory.Start.AddMinutes(10) : null, Due(history, ReminderKind.MissingScribe));
        history.Then(i => i.AssignRole(Roles.Scribe, Some.Actor(), new IncidentSettings()));
        Assert.Null(Due(history, ReminderKind.MissingScribe));
    }

    [Fact]
    public void AnActionItemWithADueDateNudgesOnceWhenDue()
    {
        var history = IncidentHistory.Declared(severity: Severity.Sev4);
        history.Then(i => i.AddActionItem("Add a canary", Some.Actor(), TimeSpan.FromDays(2)));
        history.Then(i => i.AddActionItem("No due date", null));

        Assert.Equal(new DueReminder(ReminderKind.ActionItemDue, IncidentHistory.Start.AddDays(2), 1), Assert.Single(ReminderPolicy.Upcoming(history.State, Defaults, history.Clock.GetUtcNow())));
        history.Clock.Advance(TimeSpan.FromDays(3));
        Send(history);
        Assert.Empty(ReminderPolicy.Upcoming(history.State, Defaults, history.Clock.GetUtcNow()));
    }

    [Fact]
    public void SettingsCanTurnEveryReminderOff()
    {
        var off = new ReminderSettings
        {
            StatusUpdateEvery = new Dictionary<Severity, TimeSpan>(),
            MissingCommanderAfter = null,
            MissingScribeAfter = null,
            PostmortemDueAfter = new Dictionary<Severity, TimeSpan>(),
        };
        var history = IncidentHistory.Declared(severity: Severity.Sev1);

        Assert.Empty(ReminderPolicy.Upcoming(history.State, off, history.Clock.GetUtcNow()));
    }

    private static DateTimeOffset? StatusDue(IncidentHistory history) => Due(history, ReminderKind.StatusUpdate);

    private static DateTimeOffset? Due(IncidentHistory history, ReminderKind kind) =>
        ReminderPolicy.Upcoming(history.State, Defaults, history.Clock.GetUtcNow()).FirstOrDefault(r => r.Kind == kind)?.DueAt;

    private static IReadOnlyList<DueReminder> DueNow(IncidentHistory history) =>
        ReminderPolicy.DueNow(history.State, Defaults, history.Clock.GetUtcNow());

    // A SEV1/SEV2 without a scribe is owed that reminder too; these tests are about the status cadence.
    private static List<DueReminder> StatusDueNow(IncidentHistory history) =>
        DueNow(history).Where(r => r.Kind == ReminderKind.StatusUpdate).ToList();

    /// <summary>Records every reminder due now, as the sender does after posting it.</summary>
    private static void Send(IncidentHistory history)
    {
        foreach (var r in DueNow(history))
        {
            history.Then(_ => Decision.Accept(new ReminderSent(r.Kind, r.DueAt, r.ActionItemNumber)), Actor.Bot);
        }
    }
}
