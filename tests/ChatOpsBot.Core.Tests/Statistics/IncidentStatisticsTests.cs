using ChatOpsBot.Core.Commands;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Statistics;
using ChatOpsBot.Core.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsBot.Core.Tests.Statistics;

/// <summary>A month of incidents whose numbers were worked out by hand, through the real service and timelines.</summary>
public class IncidentStatisticsTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 31, 12, 0, 0, TimeSpan.Zero);
    // At the end of the month, so the fixture's event times are in the past as real ones are (a time more than a
    // day ahead of the clock would be corrected to the receive time).
    private readonly FakeTimeProvider _clock = new(Now);
    private readonly IncidentService _incidents;
    private readonly Actor _alice = new("alice");

    public IncidentStatisticsTests() => _incidents = new IncidentService(new InMemoryIncidentStore(_clock), _clock, new IncidentSettings());

    [Fact]
    public async Task TheReportMatchesTheHandComputedFixture()
    {
        await BuildMonthAsync();

        var report = await IncidentStatistics.ComputeAsync(_incidents.Reader, Now, 30, default);

        Assert.Equal(4, report.Incidents); // INC-4 was declared before the window
        var sev1 = report.BySeverity.Single(s => s.Severity == "SEV1");
        Assert.Equal(2, sev1.Count);
        Assert.Equal(new DurationSummary(2, TimeSpan.Zero, TimeSpan.Zero), sev1.TimeToAcknowledge);
        Assert.Equal(new DurationSummary(2, TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(60)), sev1.TimeToMitigate);
        Assert.Equal(new DurationSummary(2, TimeSpan.FromMinutes(45), TimeSpan.FromMinutes(90)), sev1.TimeToResolve);
        var sev2 = report.BySeverity.Single(s => s.Severity == "SEV2");
        Assert.Equal(new DurationSummary(0, null, null), sev2.TimeToMitigate);
        Assert.Equal(new DurationSummary(1, TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(30)), sev2.TimeToResolve);
        Assert.Equal(0, report.BySeverity.Single(s => s.Severity == "SEV3").Count);
        Assert.Equal(new DurationSummary(3, TimeSpan.FromMinutes(45), TimeSpan.FromMinutes(90)), report.All.TimeToResolve);
        Assert.Equal(3, report.Finished);
        Assert.Equal(1, report.WithPostmortem);
        Assert.Equal(1.0 / 3, report.PostmortemShare!.Value, 6);
        Assert.Equal(3, report.OpenActionItems);
        var change = Assert.Single(report.ChangeFailures);
        Assert.Equal(("INC-1", "https://git.example.com/shop/pull/42", "SEV1"), (change.Incident, change.Change, change.Severity));
    }

    [Fact]
    public async Task TheStatsCommandRepliesWithTheWindowAndTheNumbers()
    {
        await BuildMonthAsync();
        var handler = new CommandHandler(_incidents, clock: new FakeTimeProvider(Now));

        var outcome = await handler.HandleAsync("/incident stats 30d", _alice, new ConversationRef("console", "general"), default);

        var text = Assert.Single(outcome.Replies).Text;
        Assert.StartsWith("📊 Incidents declared in the last 30 days: 4", text, StringComparison.Ordinal);
        Assert.Contains("Postmortem drafted: 1 of 3 resolved or closed (33", text, StringComparison.Ordinal);
        Assert.Contains("INC-1 (SEV1) ← https://git.example.com/shop/pull/42", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/incident stats 14d", "not a window")]
    [InlineData("/incident INC-1 stats", "leave out the incident number")]
    [InlineData("/incident INC-1 change", "one URL or id")]
    public async Task BadStatsAndChangeCommandsSayWhatIsWrong(string text, string expected)
    {
        var outcome = await new CommandHandler(_incidents).HandleAsync(text, _alice, new ConversationRef("console", "general"), default);

        Assert.True(outcome.Failed);
        Assert.Contains(expected, outcome.Replies[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void PercentilesAreNearestRank()
    {
        var sorted = Enumerable.Range(1, 10).Select(m => TimeSpan.FromMinutes(m)).ToList();

        Assert.Equal(TimeSpan.FromMinutes(5), IncidentStatistics.Percentile(sorted, 0.5));
        Assert.Equal(TimeSpan.FromMinutes(9), IncidentStatistics.Percentile(sorted, 0.9));
        Assert.Null(IncidentStatistics.Percentile([], 0.5));
    }

    private async Task BuildMonthAsync()
    {
        // INC-1, SEV1: monitoring after 20 min, resolved after 45, postmortem drafted, caused by a change.
        var one = await DeclareAsync(new DateTimeOffset(2026, 3, 10, 10, 0, 0, TimeSpan.Zero), Severity.Sev1);
        await At(one, 20, i => i.ChangeStatus(IncidentStatus.Monitoring));
        await At(one, 30, i => i.AddActionItem("Add a canary", null));
        await At(one, 45, i => i.Resolve("Rolled back"));
        await At(one, 50, i => i.Close());
        await At(one, 51, _ => Decision.Accept(new PostmortemDrafted(new ConversationRef("console", "inc-1"), "1")));
        await At(one, 60, i => i.LinkChange("https://git.example.com/shop/pull/42"));

        // INC-2, SEV1: monitoring after 60 min, resolved after 90, closed without a postmortem.
        var two = await DeclareAsync(new DateTimeOffset(2026, 3, 20, 8, 0, 0, TimeSpan.Zero), Severity.Sev1);
        await At(two, 60, i => i.ChangeStatus(IncidentStatus.Monitoring));
        await At(two, 90, i => i.Resolve(null));
        await At(two, 95, i => i.Close());

        // INC-3, SEV2: resolved after 30 min, straight from investigating.
        var three = await DeclareAsync(new DateTimeOffset(2026, 3, 25, 9, 0, 0, TimeSpan.Zero), Severity.Sev2);
        await At(three, 30, i => i.Resolve(null));

        // INC-4, SEV3: before the window.
        var four = await DeclareAsync(new DateTimeOffset(2026, 2, 1, 9, 0, 0, TimeSpan.Zero), Severity.Sev3);
        await At(four, 10, i => i.Resolve(null));

        // INC-5, SEV4: still open, two action items.
        var five = await DeclareAsync(new DateTimeOffset(2026, 3, 30, 16, 0, 0, TimeSpan.Zero), Severity.Sev4);
        await At(five, 5, i => i.AddActionItem("Raise the disk alert", _alice));
        await At(five, 6, i => i.AddActionItem("Document the runbook", null));
    }

    private async Task<(int Number, DateTimeOffset Declared)> DeclareAsync(DateTimeOffset at, Severity severity)
    {
        var result = await _incidents.DeclareAsync(new DeclareRequest(Some.Title(), severity), new EventContext(_alice, EventSource.Command, at), default);
        return (result.Incident.Number, at);
    }

    private async Task At((int Number, DateTimeOffset Declared) incident, int minutes, Func<Incident, Decision> verb)
    {
        var result = await _incidents.ExecuteAsync(incident.Number, verb, new EventContext(_alice, EventSource.Command, incident.Declared.AddMinutes(minutes)), default);
        Assert.True(result.Succeeded, result.Refusal);
    }
}
