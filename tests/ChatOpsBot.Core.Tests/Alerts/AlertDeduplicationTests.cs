using ChatOpsBot.Core.Alerts;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Tests.Support;
using static ChatOpsBot.Core.Tests.Alerts.Alerts;

namespace ChatOpsBot.Core.Tests.Alerts;

/// <summary>Incident.RecordAlerts: one event per fingerprint and change of state, whatever the sender repeats.</summary>
public class AlertDeduplicationTests
{
    private readonly IncidentHistory _history = IncidentHistory.Declared();

    private DateTimeOffset Now => _history.Clock.GetUtcNow();

    [Fact]
    public void AFiringAlertIsRecordedOnceAtItsStartTime()
    {
        var a = Firing("a", startsAt: T0);

        var fired = Assert.IsType<AlertFired>(Assert.Single(Record(Group("g", a)).Events));

        Assert.Equal(T0, fired.OccurredAt);
        Assert.Equal("alertmanager/g", fired.GroupKey);
        Assert.Equal("p99 > 2s on a", fired.Summary);
        Assert.Contains(fired.Links, l => l.Label == "Source" && l.Url.StartsWith("http://prometheus:9090/", StringComparison.Ordinal));
    }

    [Fact]
    public void ARepeatedGroupAddsNothing()
    {
        Apply(Group("g", Firing("a")));

        var again = Record(Group("g", Firing("a")));

        Assert.Empty(again.Events);
        Assert.NotNull(again.NoChangeReason);
    }

    [Fact]
    public void ASecondAlertInTheGroupAddsOneEvent()
    {
        Apply(Group("g", Firing("a")));

        var events = Record(Group("g", Firing("a"), Firing("b"))).Events;

        Assert.Equal("b", Assert.IsType<AlertFired>(Assert.Single(events)).Fingerprint);
    }

    [Fact]
    public void ResolvingOneOfTwoAlertsIsNotAllResolved()
    {
        Apply(Group("g", Firing("a"), Firing("b")));

        var resolved = Assert.IsType<AlertResolved>(Assert.Single(Record(Group("g", Resolved(Firing("a")), Firing("b"))).Events));

        Assert.False(resolved.AllResolved);
        Assert.Equal(T0.AddMinutes(10), resolved.OccurredAt);
    }

    [Fact]
    public void ResolvingTheLastFiringAlertSaysAllResolvedButDoesNotResolveTheIncident()
    {
        Apply(Group("g", Firing("a"), Firing("b")));
        Apply(Group("g", Resolved(Firing("a")), Firing("b")));

        var events = Record(Group("g", Resolved(Firing("a")), Resolved(Firing("b")))).Events;

        Assert.True(Assert.IsType<AlertResolved>(Assert.Single(events)).AllResolved);
        Assert.True(_history.State.Status.IsOpen());
    }

    [Fact]
    public void AutoResolveResolvesTheIncidentWhenEveryAlertHasResolved()
    {
        Apply(Group("g", Firing("a")));

        var events = Record(Group("g", Resolved(Firing("a"))), autoResolve: true).Events;

        Assert.Collection(events, e => Assert.True(((AlertResolved)e).AllResolved), e => Assert.IsType<Resolved>(e));
    }

    [Fact]
    public void AResolvedAlertNeverSeenFiringIsIgnored()
    {
        Apply(Group("g", Firing("a")));

        Assert.Empty(Record(Group("g", Firing("a"), Resolved(Firing("z")))).Events);
    }

    [Fact]
    public void AnAlertThatFiresAgainAfterResolvingIsRecordedAgain()
    {
        Apply(Group("g", Firing("a")));
        Apply(Group("g", Resolved(Firing("a"))));

        var refired = Assert.IsType<AlertFired>(Assert.Single(Record(Group("g", Firing("a", startsAt: T0.AddMinutes(20)))).Events));

        Assert.Equal(T0.AddMinutes(20), refired.OccurredAt);
    }

    [Fact]
    public void ANewStartTimeWhileFiringMeansTheResolveWasMissedAndItFiredAgain()
    {
        Apply(Group("g", Firing("a", startsAt: T0)));

        Assert.Single(Record(Group("g", Firing("a", startsAt: T0.AddMinutes(3)))).Events);
    }

    [Fact]
    public void ADuplicateFingerprintInOneNotificationCountsOnce()
    {
        Assert.Single(Record(Group("g", Firing("a"), Firing("a"))).Events);
    }

    [Fact]
    public void AStartTimeInTheFutureIsRecordedAsNow()
    {
        var fired = Record(Group("g", Firing("a", startsAt: Now.AddHours(1)))).Events.Single();

        Assert.Equal(Now, fired.OccurredAt);
    }

    [Fact]
    public void DetectionTimeIsTheEarliestAlertStart()
    {
        Apply(Group("g", Firing("b", startsAt: T0.AddMinutes(2))));
        Apply(Group("g", Firing("b", startsAt: T0.AddMinutes(2)), Firing("a", startsAt: T0)));

        Assert.Equal(T0, _history.State.DetectedAt);
    }

    [Fact]
    public void AnIncidentNoAlertFedHasNoDetectionTime()
    {
        Assert.Null(_history.State.DetectedAt);
    }

    [Fact]
    public void AClosedIncidentRefusesAlerts()
    {
        _history.Then(i => i.Resolve(null)).Then(i => i.Close());

        Assert.True(Record(Group("g", Firing("a"))).IsRefused);
    }

    private Decision Record(AlertNotification notification, bool autoResolve = false) => _history.State.RecordAlerts(notification, autoResolve, Now);

    private void Apply(AlertNotification notification)
    {
        var decision = Record(notification);
        foreach (var e in decision.Events)
        {
            _history.Record(Decision.Accept(e), Actor.Bot);
        }
    }
}
