using ChatOpsBot.Core.Dora;

namespace ChatOpsBot.Core.Tests.Dora;

public class DoraMetricsTests
{
    private readonly DoraReport _report = DoraMetrics.Compute(DoraFixture.Changes(), DoraFixture.Incidents(), DoraFixture.Now, DoraFixture.Days);

    [Fact]
    public void CheckoutIsEliteAtDeployingHighOnLeadTimeEliteAtFifteenPercentFailuresAndEliteJustUnderAnHourToRestore()
    {
        var checkout = _report.ByService.Single(s => s.Service == "checkout");

        Assert.Equal(40, checkout.Deployments);
        Assert.Equal(40.0 / 30, checkout.DeploymentsPerDay, 9);
        Assert.Equal(DoraBand.Elite, checkout.DeploymentFrequencyBand);
        Assert.Equal(40, checkout.LeadTimeSamples);
        Assert.Equal(TimeSpan.FromDays(1), checkout.LeadTimeMedian); // exactly a day: high, not elite
        Assert.Equal(DoraBand.High, checkout.LeadTimeBand);
        Assert.Equal(6, checkout.FailedDeployments);
        Assert.Equal(0.15, checkout.ChangeFailureRate!.Value, 9); // exactly 15 %: still elite
        Assert.Equal(DoraBand.Elite, checkout.ChangeFailureRateBand);
        Assert.Equal(6, checkout.Restores);
        Assert.Equal(TimeSpan.FromMinutes(59.5), checkout.TimeToRestoreMedian); // (59 + 60) / 2
        Assert.Equal(DoraBand.Elite, checkout.TimeToRestoreBand);
    }

    [Fact]
    public void SearchDeploysJustUnderWeeklyFailsHalfItsDeploysAndHasNoLeadTime()
    {
        var search = _report.ByService.Single(s => s.Service == "search");

        Assert.Equal(4, search.Deployments); // 4 in 30 days is under once a week (4.29 needed)
        Assert.Equal(DoraBand.Medium, search.DeploymentFrequencyBand);
        Assert.Equal(0, search.LeadTimeSamples);
        Assert.Null(search.LeadTimeMedian);
        Assert.Null(search.LeadTimeBand);
        Assert.Equal(0.5, search.ChangeFailureRate);
        Assert.Equal(DoraBand.Low, search.ChangeFailureRateBand);
        Assert.Equal(TimeSpan.FromHours(36), search.TimeToRestoreMedian);
        Assert.Equal(DoraBand.Medium, search.TimeToRestoreBand);
    }

    [Fact]
    public void BillingDeploysExactlyOnceAMonthWithAThirtyDayLeadTime()
    {
        var billing = _report.ByService.Single(s => s.Service == "billing");

        Assert.Equal(DoraBand.Medium, billing.DeploymentFrequencyBand); // 1 in 30 days: the medium edge
        Assert.Equal(TimeSpan.FromDays(30), billing.LeadTimeMedian);
        Assert.Equal(DoraBand.Low, billing.LeadTimeBand); // a month: low
        Assert.Equal(0.0, billing.ChangeFailureRate);
        Assert.Equal(DoraBand.Elite, billing.ChangeFailureRateBand);
        Assert.Equal(0, billing.Restores);
        Assert.Null(billing.TimeToRestoreBand);
    }

    [Fact]
    public void OverallCountsEveryProductionDeployInTheWindowAndEveryTaggedIncident()
    {
        var all = _report.Overall;

        Assert.Equal(["billing", "checkout", "search"], _report.ByService.Select(s => s.Service));
        Assert.Equal(45, all.Deployments); // not the failed, staging or 31-day-old deploy
        Assert.Equal(DoraBand.Elite, all.DeploymentFrequencyBand);
        Assert.Equal(41, all.LeadTimeSamples);
        Assert.Equal(TimeSpan.FromDays(1), all.LeadTimeMedian);
        Assert.Equal(8, all.FailedDeployments);
        Assert.Equal(8.0 / 45, all.ChangeFailureRate!.Value, 9);
        Assert.Equal(DoraBand.High, all.ChangeFailureRateBand);
        // 10, 30, 45, 59, 60, 120, 180 min, 1 d, 2 d: the pull request's incident counts, the untagged and older ones do not.
        Assert.Equal(9, all.Restores);
        Assert.Equal(TimeSpan.FromMinutes(60), all.TimeToRestoreMedian); // exactly an hour: high, not elite
        Assert.Equal(DoraBand.High, all.TimeToRestoreBand);
    }

    [Fact]
    public void WithNoDeploysFrequencyIsLowAndTheRatesAreUnknown()
    {
        var report = DoraMetrics.Compute([], [], DoraFixture.Now, 7);

        Assert.Equal(0, report.Overall.Deployments);
        Assert.Equal(DoraBand.Low, report.Overall.DeploymentFrequencyBand);
        Assert.Null(report.Overall.ChangeFailureRate);
        Assert.Null(report.Overall.ChangeFailureRateBand);
        Assert.Empty(report.ByService);
    }

    [Theory]
    [InlineData(7, 7, DoraBand.Elite)]
    [InlineData(6, 7, DoraBand.High)]
    [InlineData(1, 7, DoraBand.High)]
    [InlineData(4, 30, DoraBand.Medium)]
    [InlineData(1, 30, DoraBand.Medium)]
    [InlineData(2, 90, DoraBand.Low)]
    [InlineData(0, 7, DoraBand.Low)]
    public void DeploymentFrequencyBandEdges(int deploys, int days, DoraBand band) =>
        Assert.Equal(band, DoraBands.DeploymentFrequency((double)deploys / days));

    [Theory]
    [InlineData(23 * 60 + 59, DoraBand.Elite)]
    [InlineData(24 * 60, DoraBand.High)]
    [InlineData(7 * 24 * 60 - 1, DoraBand.High)]
    [InlineData(7 * 24 * 60, DoraBand.Medium)]
    [InlineData(30 * 24 * 60, DoraBand.Low)]
    public void LeadTimeBandEdges(int minutes, DoraBand band) => Assert.Equal(band, DoraBands.LeadTime(TimeSpan.FromMinutes(minutes)));

    [Theory]
    [InlineData(59, DoraBand.Elite)]
    [InlineData(60, DoraBand.High)]
    [InlineData(24 * 60, DoraBand.Medium)]
    [InlineData(7 * 24 * 60 - 1, DoraBand.Medium)]
    [InlineData(7 * 24 * 60, DoraBand.Low)]
    public void TimeToRestoreBandEdges(int minutes, DoraBand band) => Assert.Equal(band, DoraBands.TimeToRestore(TimeSpan.FromMinutes(minutes)));

    [Theory]
    [InlineData(0, 20, DoraBand.Elite)]
    [InlineData(3, 20, DoraBand.Elite)]
    [InlineData(4, 20, DoraBand.High)]
    [InlineData(6, 20, DoraBand.High)]
    [InlineData(7, 20, DoraBand.Medium)]
    [InlineData(9, 20, DoraBand.Medium)]
    [InlineData(23, 50, DoraBand.Low)]
    public void ChangeFailureRateBandEdges(int failed, int deploys, DoraBand band) => Assert.Equal(band, DoraBands.ChangeFailureRate(failed, deploys));
}
