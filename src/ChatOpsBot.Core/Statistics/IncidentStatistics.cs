using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Postmortems;

namespace ChatOpsBot.Core.Statistics;

/// <summary>One incident as statistics see it: its state and the key times read from its timeline.</summary>
public sealed record IncidentFacts(Incident Incident, KeyTimes Times);

/// <summary>Median and 90th percentile of a duration, and how many incidents had one.</summary>
public sealed record DurationSummary(int Count, TimeSpan? Median, TimeSpan? P90);

public sealed record SeverityStatistics(string Severity, int Count, DurationSummary TimeToAcknowledge, DurationSummary TimeToMitigate, DurationSummary TimeToResolve);

/// <summary>An incident tagged with the change that caused it: what DORA's change failure rate counts.</summary>
public sealed record ChangeFailure(string Incident, string Change, string Severity, DateTimeOffset Declared);

public sealed record StatisticsReport(
    int Days,
    DateTimeOffset From,
    DateTimeOffset To,
    int Incidents,
    IReadOnlyList<SeverityStatistics> BySeverity,
    SeverityStatistics All,
    int Finished,
    int WithPostmortem,
    double? PostmortemShare,
    int OpenActionItems,
    IReadOnlyList<ChangeFailure> ChangeFailures,
    int DoneActionItems = 0,
    int OverdueActionItems = 0)
{
    /// <summary>The four DORA keys for the same window; null where deploy intake is not set up.</summary>
    public Dora.DoraReport? Dora { get; init; }
}

/// <summary>
/// MTTA, MTTM and MTTR (median and p90, per severity), postmortem coverage, action items and change failures for
/// the incidents declared in a window, computed from their timelines, never from counters kept on the side.
/// </summary>
public static class IncidentStatistics
{
    public static readonly IReadOnlyList<int> CommandWindows = [7, 30, 90];

    public const int MaxDays = 365;

    /// <summary>Reads the timelines of the incidents declared in the window and computes the report.</summary>
    /// <param name="visible">Which incidents the asker may see; all when null.</param>
    public static async Task<StatisticsReport> ComputeAsync(IncidentReader incidents, DateTimeOffset now, int days, CancellationToken cancellationToken,
        Func<Incident, bool>? visible = null)
    {
        var from = now - TimeSpan.FromDays(days);
        var facts = new List<IncidentFacts>();
        foreach (var incident in (await incidents.ListAsync(cancellationToken)).Where(i => i.DeclaredAt >= from && (visible?.Invoke(i) ?? true)))
        {
            facts.Add(new IncidentFacts(incident, KeyTimes.From(await incidents.ReadTimelineAsync(incident.Number, cancellationToken))));
        }

        return Compute(facts, now, days);
    }

    public static StatisticsReport Compute(IEnumerable<IncidentFacts> incidents, DateTimeOffset now, int days)
    {
        var from = now - TimeSpan.FromDays(days);
        var inWindow = incidents.Where(f => f.Incident.DeclaredAt >= from && f.Incident.DeclaredAt <= now).ToList();
        var finished = inWindow.Where(f => !f.Incident.Status.IsOpen()).ToList();
        var withPostmortem = finished.Count(f => f.Incident.Chat.IsPostmortemDrafted);
        return new StatisticsReport(
            days,
            from,
            now,
            inWindow.Count,
            Enum.GetValues<Severity>().Select(s => Summarize(s.Label(), inWindow.Where(f => f.Incident.Severity == s).ToList())).ToList(),
            Summarize("all", inWindow),
            finished.Count,
            withPostmortem,
            finished.Count == 0 ? null : (double)withPostmortem / finished.Count,
            inWindow.Sum(f => f.Incident.ActionItems.Count(a => !a.IsDone)),
            // Private incidents count in the numbers but are not named.
            inWindow.Where(f => !f.Incident.IsPrivate).SelectMany(f => f.Incident.LinkedChanges.Select(c => new ChangeFailure(f.Incident.Key, c, f.Incident.Severity.Label(), f.Incident.DeclaredAt))).ToList(),
            inWindow.Sum(f => f.Incident.ActionItems.Count(a => a.IsDone)),
            inWindow.Sum(f => f.Incident.ActionItems.Count(a => a.IsOverdue(now))));
    }

    /// <summary>Nearest-rank percentile: a value that some incident really had, not an interpolation.</summary>
    public static TimeSpan? Percentile(IReadOnlyList<TimeSpan> sorted, double quantile) =>
        sorted.Count == 0 ? null : sorted[Math.Max(0, (int)Math.Ceiling(quantile * sorted.Count) - 1)];

    private static SeverityStatistics Summarize(string severity, List<IncidentFacts> incidents) => new(
        severity,
        incidents.Count,
        Durations(incidents.Select(f => f.Times.TimeToAcknowledge)),
        Durations(incidents.Select(f => f.Times.TimeToMitigate)),
        Durations(incidents.Select(f => f.Times.TimeToResolve)));

    private static DurationSummary Durations(IEnumerable<TimeSpan?> values)
    {
        var sorted = values.OfType<TimeSpan>().Order().ToList();
        return new DurationSummary(sorted.Count, Percentile(sorted, 0.5), Percentile(sorted, 0.9));
    }
}
