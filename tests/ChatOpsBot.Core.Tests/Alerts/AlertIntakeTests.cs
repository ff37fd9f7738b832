using ChatOpsBot.Core.Alerts;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Messages;
using ChatOpsBot.Core.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using static ChatOpsBot.Core.Tests.Alerts.Alerts;

namespace ChatOpsBot.Core.Tests.Alerts;

public class AlertIntakeTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 3, 14, 9, 0, 0, TimeSpan.Zero));
    private readonly InMemoryIncidentStore _store;
    private readonly AlertIntake _intake;

    public AlertIntakeTests()
    {
        _store = new InMemoryIncidentStore(_clock);
        _intake = AnotherReplica();
    }

    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task ACriticalGroupIsDeclaredWithItsAlertsInOneAppend()
    {
        var result = await _intake.ReceiveAsync(Group("g", Firing("a"), Firing("b")), Ct);

        Assert.Equal(AlertOutcome.Declared, result.Outcome);
        var timeline = _store.Timeline(result.IncidentNumber!.Value);
        Assert.Equal(["Declared", "RoleAssigned", "AlertGroupLinked", "AlertFired", "AlertFired"], timeline.Select(e => e.GetType().Name));
        Assert.Single(timeline.Select(e => e.RecordedAt).Distinct());
        var incident = Incident.Fold(timeline);
        Assert.Equal(Severity.Sev1, incident.Severity);
        Assert.Equal("alertmanager", incident.Declarer.Id);
        Assert.Equal(EventSource.Alert, incident.DeclaredVia);
        Assert.Equal(T0, incident.DetectedAt);
    }

    [Fact]
    public async Task TheSameGroupAgainAddsNoIncidentAndNoEvents()
    {
        await _intake.ReceiveAsync(Group("g", Firing("a")), Ct);

        var again = await _intake.ReceiveAsync(Group("g", Firing("a")), Ct);

        Assert.Equal(AlertOutcome.Unchanged, again.Outcome);
        Assert.Equal([1], await _store.ListIncidentNumbersAsync(Ct));
    }

    [Fact]
    public async Task ManyConcurrentNotificationsOfOneGroupOnTwoReplicasMakeOneIncident()
    {
        var other = AnotherReplica();

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            (i % 2 == 0 ? _intake : other).ReceiveAsync(Group("g", Firing("a"), Firing($"b{i % 4}")), Ct)));

        Assert.Equal([1], await _store.ListIncidentNumbersAsync(Ct));
        Assert.Single(results, r => r.Outcome == AlertOutcome.Declared);
        var fired = _store.Timeline(1).OfType<AlertFired>().Select(f => f.Fingerprint).ToList();
        Assert.Equal(fired.Distinct().Order(), fired.Order());
        Assert.Equal(["a", "b0", "b1", "b2", "b3"], fired.Order());
    }

    [Fact]
    public async Task AWarningIsOfferedOnceUntilTheCooldownPasses()
    {
        var first = await _intake.ReceiveAsync(Group("w", Firing("a", "warning")), Ct);
        var second = await _intake.ReceiveAsync(Group("w", Firing("a", "warning")), Ct);
        _clock.Advance(TimeSpan.FromHours(4) + TimeSpan.FromSeconds(1));
        var third = await _intake.ReceiveAsync(Group("w", Firing("a", "warning")), Ct);

        Assert.Equal([AlertOutcome.Prompted, AlertOutcome.AlreadyPrompted, AlertOutcome.Prompted], [first.Outcome, second.Outcome, third.Outcome]);
        Assert.Empty(await _store.ListIncidentNumbersAsync(Ct));
        var button = Assert.Single(first.Prompt!.Message.Actions);
        Assert.StartsWith("/incident declare-alert sev3 ", button.Command, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePromptsButtonDeclaresTheIncidentLinkedToTheGroupWithTheClickerAsCommander()
    {
        var prompt = (await _intake.ReceiveAsync(Group("w", Firing("a", "warning")), Ct)).Prompt!;
        var alice = Some.Actor();
        var handler = new ChatOpsBot.Core.Commands.CommandHandler(Service(), alerts: _intake);

        var outcome = await handler.HandleAsync(prompt.Message.Actions[0].Command, alice, Some.Channel("console"), Ct);
        var later = await _intake.ReceiveAsync(Group("w", Firing("a", "warning"), Firing("b", "warning")), Ct);

        Assert.Contains("Declared INC-1 (SEV3)", Assert.Single(outcome.Replies).Text, StringComparison.Ordinal);
        var incident = Incident.Fold(_store.Timeline(1));
        Assert.Equal(alice, incident.Commander);
        Assert.Equal((AlertOutcome.Updated, 1), (later.Outcome, later.IncidentNumber));
        Assert.Equal(["a", "b"], incident.Alerts.Keys.Order());
        Assert.All(_store.Timeline(1).OfType<AlertFired>(), f => Assert.Equal(EventSource.Alert, f.Source));
    }

    [Fact]
    public async Task ClickingTheButtonTwiceDeclaresOnce()
    {
        var prompt = (await _intake.ReceiveAsync(Group("w", Firing("a", "warning")), Ct)).Prompt!;
        var handler = new ChatOpsBot.Core.Commands.CommandHandler(Service(), alerts: _intake);

        await handler.HandleAsync(prompt.Message.Actions[0].Command, Some.Actor(), Some.Channel("console"), Ct);
        var second = await handler.HandleAsync(prompt.Message.Actions[0].Command, Some.Actor(), Some.Channel("console"), Ct);

        Assert.Contains("already INC-1", second.Replies[0].Text, StringComparison.Ordinal);
        Assert.Equal([1], await _store.ListIncidentNumbersAsync(Ct));
    }

    [Fact]
    public async Task AResolvedNotificationForAnUnknownGroupCreatesNothing()
    {
        var result = await _intake.ReceiveAsync(Group("g", Resolved(Firing("a"))), Ct);

        Assert.Equal(AlertOutcome.Ignored, result.Outcome);
        Assert.Empty(await _store.ListIncidentNumbersAsync(Ct));
    }

    [Fact]
    public async Task AfterTheIncidentIsClosedTheGroupFiringAgainOpensANewOne()
    {
        await _intake.ReceiveAsync(Group("g", Firing("a")), Ct);
        var service = Service();
        await service.ExecuteAsync(1, i => i.Resolve(null), new EventContext(Some.Actor(), EventSource.Command), Ct);
        await service.ExecuteAsync(1, i => i.Close(), new EventContext(Some.Actor(), EventSource.Command), Ct);

        var result = await AnotherReplica().ReceiveAsync(Group("g", Firing("a", startsAt: T0.AddHours(1))), Ct);

        Assert.Equal((AlertOutcome.Declared, 2), (result.Outcome, result.IncidentNumber));
    }

    [Fact]
    public async Task TheKickoffShowsTheAlertSummaryLabelsAndLinks()
    {
        var alert = Firing("a", annotations: new Dictionary<string, string>
        {
            ["summary"] = "Checkout p99 over 2s",
            ["runbook_url"] = "https://runbooks.example/checkout",
            ["dashboard_url"] = "javascript:alert(1)",
        });
        var result = await _intake.ReceiveAsync(Group("g", alert), Ct);

        var kickoff = IncidentMessages.Kickoff(Incident.Fold(_store.Timeline(result.IncidentNumber!.Value)));

        Assert.Contains(kickoff.Fields, f => f.Label == "Alert" && f.Value == "Checkout p99 over 2s");
        Assert.Contains(kickoff.Fields, f => f.Label == "Labels" && f.Value == "alertname=HighLatency · severity=critical · service=checkout · instance=a");
        Assert.Contains(kickoff.Fields, f => f.Label == "Detected" && f.Value == "2025-03-14 08:30:00 UTC");
        Assert.Equal(["Runbook", "Source", "Incident page"], kickoff.Links.Select(l => l.Label));
    }

    [Fact]
    public void AlertTextLosesItsMarkupAndStaysOnOneLine()
    {
        Assert.Equal("‹!channel> ‹b>x‹/b> next", AlertText.Clean("<!channel>\n<b>x</b>\t next", 100));
        Assert.Equal("abcd…", AlertText.Clean("abcdefghij", 5));
        Assert.Null(AlertText.SafeUrl("javascript:alert(1)"));
        Assert.Equal("https://example.com/x", AlertText.SafeUrl(" https://example.com/x "));
    }

    [Fact]
    public void TheGroupKeyTravelsInTheButtonCommandIntact()
    {
        const string Key = "alertmanager/{}/{severity=\"warning\"}:{alertname=\"Disk €\"}";

        Assert.True(AlertMessages.TryDecodeGroup(AlertMessages.EncodeGroup(Key), out var decoded));
        Assert.Equal(Key, decoded);
        Assert.False(AlertMessages.TryDecodeGroup("not base64!", out _));
    }

    private IncidentService Service() => new(_store, _clock, new IncidentSettings());

    private AlertIntake AnotherReplica() => new(Service(), _store, _clock, AlertRouting.Default, new AlertIntakeSettings());
}
