using ChatOpsBot.Core.Changes;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Statistics;

namespace ChatOpsBot.Core.Dora;

/// <summary>Which deploys count: successful ones to these environments (DORA measures delivery to production).</summary>
public sealed record DoraSettings(IReadOnlyList<string> ProductionEnvironments)
{
    public static readonly DoraSettings Default = new(["production", "prod", "prd", "live"]);

    public bool IsProduction(string environment) => ProductionEnvironments.Contains(environment, StringComparer.OrdinalIgnoreCase);
}

/// <summary>The four keys for one service or overall; each band null when there is nothing to measure it by.</summary>
public sealed record DoraKeys(
    string Service,
    int Deployments,
    double DeploymentsPerDay,
    DoraBand DeploymentFrequencyBand,
    int LeadTimeSamples,
    TimeSpan? LeadTimeMedian,
    DoraBand? LeadTimeBand,
    int FailedDeployments,
    double? ChangeFailureRate,
    DoraBand? ChangeFailureRateBand,
    int Restores,
    TimeSpan? TimeToRestoreMedian,
    DoraBand? TimeToRestoreBand);

public sealed record DoraReport(int Days, DateTimeOffset From, DateTimeOffset To, DoraKeys Overall, IReadOnlyList<DoraKeys> ByService);

/// <summary>
/// The four keys from stored deploys and incident timelines, pure:
/// deployment frequency (successful production deploys ÷ days), lead time for changes (median commit → deploy finished,
/// where the commit time is known), change failure rate (those deploys tagged as an incident's cause ÷ those deploys),
/// time to restore (median detection → resolved of the incidents declared in the window that are tagged to a change).
/// </summary>
public static class DoraMetrics
{
    public const string AllServices = "all";

    public static DoraReport Compute(IEnumerable<Change> changes, IEnumerable<IncidentFacts> incidents, DateTimeOffset now, int days, DoraSettings? settings = null)
    {
        settings ??= DoraSettings.Default;
        var from = now - TimeSpan.FromDays(days);
        var deploys = changes
            .Where(c => c.Status == ChangeStatus.Succeeded && settings.IsProduction(c.Environment) && c.FinishedAt >= from && c.FinishedAt <= now)
            .ToList();
        var facts = incidents.ToList();

        // An incident names its cause by change id (a stored deploy) or as typed (a URL the deploy was reported with).
        var causeOf = new Dictionary<string, List<IncidentFacts>>(StringComparer.Ordinal);
        foreach (var f in facts)
        {
            foreach (var link in f.Incident.LinkedChanges.Distinct(StringComparer.Ordinal))
            {
                (causeOf.TryGetValue(link, out var list) ? list : causeOf[link] = []).Add(f);
            }
        }

        bool IsCause(Change c) => causeOf.ContainsKey(c.Id) || (c.Url is not null && causeOf.ContainsKey(c.Url));

        // The service an incident's restore counts for: that of the deploy it is tagged to, when the deploy is known.
        var known = changes.Where(c => settings.IsProduction(c.Environment)).ToList();
        var restored = facts
            .Where(f => f.Incident.LinkedChanges.Count > 0 && f.Incident.DeclaredAt >= from && f.Incident.DeclaredAt <= now && f.Times.TimeToResolve is not null)
            .Select(f => (Facts: f, Services: f.Incident.LinkedChanges
                .SelectMany(link => known.Where(c => c.Id == link || c.Url == link).Select(c => c.Service))
                .Distinct(StringComparer.OrdinalIgnoreCase).ToList()))
            .ToList();

        var overall = Keys(AllServices, deploys, IsCause, restored.Select(r => r.Facts.Times.TimeToResolve!.Value), days);
        var byService = deploys.Select(d => d.Service)
            .Concat(restored.SelectMany(r => r.Services))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.OrdinalIgnoreCase)
            .Select(service => Keys(service,
                deploys.Where(d => string.Equals(d.Service, service, StringComparison.OrdinalIgnoreCase)).ToList(),
                IsCause,
                restored.Where(r => r.Services.Contains(service, StringComparer.OrdinalIgnoreCase)).Select(r => r.Facts.Times.TimeToResolve!.Value),
                days))
            .ToList();
        return new DoraReport(days, from, now, overall, byService);
    }

    private static DoraKeys Keys(string service, List<Change> deploys, Func<Change, bool> isCause, IEnumerable<TimeSpan> restores, int days)
    {
        var perDay = (double)deploys.Count / days;
        var leadTimes = deploys.Select(d => d.LeadTime).OfType<TimeSpan>().Order().ToList();
        var failed = deploys.Count(isCause);
        var restoreTimes = restores.Order().ToList();
        var leadMedian = Median(leadTimes);
        var restoreMedian = Median(restoreTimes);
        return new DoraKeys(
            service,
            deploys.Count,
            perDay,
            DoraBands.DeploymentFrequency(perDay),
            leadTimes.Count,
            leadMedian,
            leadMedian is { } l ? DoraBands.LeadTime(l) : null,
            failed,
            deploys.Count == 0 ? null : (double)failed / deploys.Count,
            deploys.Count == 0 ? null : DoraBands.ChangeFailureRate(failed, deploys.Count),
            restoreTimes.Count,
            restoreMedian,
            restoreMedian is { } r ? DoraBands.TimeToRestore(r) : null);
    }

    /// <summary>The middle value, or the mean of the two middle ones: the usual median, as DORA's survey asks for "typical".</summary>
    public static TimeSpan? Median(IReadOnlyList<TimeSpan> sorted) =>
        sorted.Count == 0 ? null
        : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2]
        : TimeSpan.FromTicks((sorted[(sorted.Count / 2) - 1].Ticks + sorted[sorted.Count / 2].Ticks) / 2);
}
