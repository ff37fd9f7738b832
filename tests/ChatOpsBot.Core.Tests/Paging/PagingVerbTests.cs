using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Paging;
using ChatOpsBot.Core.Postmortems;
using ChatOpsBot.Core.Tests.Support;

namespace ChatOpsBot.Core.Tests.Paging;

public class PagingVerbTests
{
    [Fact]
    public void AnAcknowledgedPageIsTheAcknowledgementOfAnIncidentNoPersonHasTakenYet()
    {
        var history = IncidentHistory.Declared(Actor.Bot, Severity.Sev1)
            .Then(i => i.RequestAutomaticPage("on-call"), Actor.Bot)
            .Then(i => i.RecordPaged(1, "PagerDuty", "INC-1"), Actor.Bot);
        history.Clock.Advance(TimeSpan.FromMinutes(4));

        history.Then(i => i.RecordPageAcknowledged("PagerDuty", "PGR0VU2"), new Actor("pagerduty:PLH1HKV", "Tenex Engineer"));

        var times = KeyTimes.From(history.Events);
        Assert.Equal(IncidentHistory.Start.AddMinutes(4), times.Acknowledged);
        Assert.Equal(TimeSpan.FromMinutes(4), times.TimeToAcknowledge);
    }

    [Fact]
    public void TheSameAcknowledgementTwiceIsNoChange()
    {
        var history = IncidentHistory.Declared(severity: Severity.Sev1).Then(i => i.RecordPageAcknowledged("Opsgenie", "alert-1"));

        Assert.Empty(history.State.RecordPageAcknowledged("Opsgenie", "alert-1").Events);
    }

    [Fact]
    public void PagingTheSameTeamAgainIsNoChangeAndAResolvedIncidentPagesNobody()
    {
        var history = IncidentHistory.Declared().Then(i => i.RequestPage("db-team", null));

        Assert.NotNull(history.State.RequestPage("DB-TEAM", "again").NoChangeReason);
        history.Then(i => i.Resolve(null));
        Assert.True(history.State.RequestPage("web-team", null).IsRefused);
        Assert.Empty(history.State.RequestAutomaticPage("on-call").Events);
    }

    [Fact]
    public void AFailureIsRecordedOncePerDistinctErrorAndClearedByThePage()
    {
        var history = IncidentHistory.Declared().Then(i => i.RequestPage("db-team", null))
            .Then(i => i.RecordPageFailed(1, "PagerDuty", "HTTP 500"));

        Assert.Empty(history.State.RecordPageFailed(1, "PagerDuty", "HTTP 500").Events);
        history.Then(i => i.RecordPageFailed(1, "PagerDuty", "timed out")).Then(i => i.RecordPaged(1, "PagerDuty", "INC-1:db-team"));

        var delivery = history.State.Pages.Single().DeliveryBy("PagerDuty");
        Assert.Equal(("INC-1:db-team", null), (delivery.ProviderId, delivery.LastError));
        Assert.Equal(2, history.Events.OfType<PageFailed>().Count());
    }

    [Theory]
    [InlineData("INC-7", 7)]
    [InlineData("INC-7:db-team", 7)]
    [InlineData("d3640fbd41094207a1c11e58e46b1662", null)]
    [InlineData("INC-", null)]
    [InlineData("INC-0", null)]
    [InlineData(null, null)]
    public void OnlyDedupKeysThisBotMadeNameAnIncident(string? key, int? number) =>
        Assert.Equal(number, PagingSettings.IncidentNumberOf(key));
}
