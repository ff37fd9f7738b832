using ChatOpsBot.Core.Commands;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Insights;
using ChatOpsBot.Core.Postmortems;
using ChatOpsBot.Core.Tests.Support;

namespace ChatOpsBot.Core.Tests.Insights;

public class IncidentInsightsTests
{
    // IncidentHistory.Start is Friday 2025-03-14; its week starts Monday 2025-03-10.
    private static readonly DateTimeOffset Now = IncidentHistory.Start.AddDays(10);

    [Fact]
    public void AServiceInTwoIncidentsRecursWithBothLinkedAndAPrivateOneCountedButNotNamed()
    {
        var first = Facts(Incident("checkout"));
        var second = Facts(Incident("checkout", isPrivate: true));
        var third = Facts(Incident("CHECKOUT"));
        var other = Facts(Incident("search"));

        var report = IncidentInsights.Compute([first, second, third, other], null, Now, 30);

        var recurrence = Assert.Single(report.Recurring);
        Assert.Equal(("service", "checkout", 3), (recurrence.Kind, recurrence.Name, recurrence.Count));
        Assert.Equal(2, recurrence.Incidents.Count);
        Assert.Equal(1, recurrence.PrivateIncidents);
    }

    [Fact]
    public void ActionItemsPastTheirDueTimeAreOverdueAndNoneIsDoneYet()
    {
        var history = Incident("checkout");
        history.Then(i => i.AddActionItem("Add an alert", null, TimeSpan.FromDays(2)));
        history.Then(i => i.AddActionItem("Write a runbook", null, TimeSpan.FromDays(30)));
        history.Then(i => i.AddActionItem("Someday", null));

        var items = IncidentInsights.Compute([Facts(history)], null, Now, 30).ActionItems;

        Assert.Equal(new FollowThrough(3, 3, 0, 1, null), items);
    }

    [Fact]
    public void TheWeeklyTrendPutsEachIncidentInTheWeekItWasDeclaredWithItsMedians()
    {
        var resolvedInAnHour = Incident("a");
        resolvedInAnHour.Clock.Advance(TimeSpan.FromHours(1));
        resolvedInAnHour.Then(i => i.Resolve(null));

        var report = IncidentInsights.Compute([Facts(resolvedInAnHour)], null, Now, 14);

        // Fourteen days back from Monday 2025-03-24 is Monday 2025-03-10.
        Assert.Equal([new DateTimeOffset(2025, 3, 10, 0, 0, 0, TimeSpan.Zero), new(2025, 3, 17, 0, 0, 0, TimeSpan.Zero), new(2025, 3, 24, 0, 0, 0, TimeSpan.Zero)], report.Weeks);
        var week = report.Trend.Single(t => t.Severity == "SEV2" && t.WeekStart == report.Weeks[0]);
        Assert.Equal(1, week.Incidents);
        Assert.Equal(TimeSpan.Zero, week.MedianTimeToAcknowledge); // the declarer is commander from the start
        Assert.Equal(TimeSpan.FromHours(1), week.MedianTimeToResolve);
        Assert.Equal(0, report.Trend.Single(t => t.Severity == "SEV2" && t.WeekStart == report.Weeks[1]).Incidents);
    }

    [Fact]
    public void ReviewFlagsAreCountedByKindInTheWeekOfTheirIncident()
    {
        var history = Incident("checkout");
        history.Then(i => i.AddNote("It was human error."));
        history.Then(i => i.AddNote("He should have checked the dashboard first."));
        history.Then(i => i.Resolve("Human error again."));

        var report = IncidentInsights.Compute([Facts(history)], null, Now, 14);

        var week = report.ReviewFlags.Single(w => w.Total > 0);
        Assert.Equal(report.Weeks[0], week.WeekStart);
        Assert.Equal(2, week.ByKind["human error as a cause"]);
        Assert.Equal(1, week.ByKind["hindsight / counterfactual"]);
    }

    [Fact]
    public void TheInsightsReplyNamesTheRecurringServiceAndLinksThePage()
    {
        var report = IncidentInsights.Compute([Facts(Incident("checkout")), Facts(Incident("checkout"))], null, Now, 30);

        var text = InsightsText.Format(report);

        Assert.Contains("/insights?days=30", text, StringComparison.Ordinal);
        Assert.Contains("• service checkout: 2 incidents (INC-1, INC-1)", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("insights", 30)]
    [InlineData("insights 90d", 90)]
    public void InsightsParsesItsWindow(string text, int days) =>
        Assert.Equal(new InsightsCommand(days), CommandParser.Parse(text).Command!.Command);

    [Theory]
    [InlineData("insights 7d", "not a window")]
    [InlineData("INC-3 insights", "leave out the incident number")]
    [InlineData("service", "Name one service")]
    [InlineData("service check out", "Name one service")]
    [InlineData("changes now", "takes no arguments")]
    public void BadChangeAndInsightsCommandsSayWhy(string text, string error) =>
        Assert.Contains(error, CommandParser.Parse(text).Error, StringComparison.Ordinal);

    private static IncidentHistory Incident(string service, bool isPrivate = false) =>
        IncidentHistory.Declared(isPrivate: isPrivate).Then(i => i.TagService(service));

    private static InsightFacts Facts(IncidentHistory history) =>
        new(history.State, KeyTimes.From(history.Events), BlamelessReview.Default.Review(history.Events));
}
