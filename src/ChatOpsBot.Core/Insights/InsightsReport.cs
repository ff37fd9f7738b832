using ChatOpsBot.Core.Dora;

namespace ChatOpsBot.Core.Insights;

public sealed record IncidentLink(int Number, string Key, string Title);

/// <summary>The same alert (by <c>alertname</c>) or service in more than one incident of the window.</summary>
public sealed record Recurrence(string Kind, string Name, IReadOnlyList<IncidentLink> Incidents, int PrivateIncidents)
{
    public int Count => Incidents.Count + PrivateIncidents;
}

/// <summary>Whether action items get done: how many are open, done and past due, and how long done ones took.</summary>
public sealed record FollowThrough(int Total, int Open, int Done, int Overdue, TimeSpan? MedianTimeToDone);

/// <summary>One week's incidents of one severity (or "all"): how many, and their median time to acknowledge and resolve.</summary>
public sealed record WeekTrend(DateTimeOffset WeekStart, string Severity, int Incidents, TimeSpan? MedianTimeToAcknowledge, TimeSpan? MedianTimeToResolve);

/// <summary>The blameless-review flags of one week's incidents, by kind.</summary>
public sealed record ReviewFlagWeek(DateTimeOffset WeekStart, IReadOnlyDictionary<string, int> ByKind)
{
    public int Total => ByKind.Values.Sum();
}

/// <summary>The four keys of the seven days that start at <see cref="WeekStart"/>.</summary>
public sealed record DoraWeek(DateTimeOffset WeekStart, DoraKeys Keys);

public sealed record InsightsReport(
    int Days,
    DateTimeOffset From,
    DateTimeOffset To,
    int Incidents,
    IReadOnlyList<DateTimeOffset> Weeks,
    IReadOnlyList<Recurrence> Recurring,
    FollowThrough ActionItems,
    IReadOnlyList<WeekTrend> Trend,
    IReadOnlyList<ReviewFlagWeek> ReviewFlags,
    DoraReport? Dora,
    IReadOnlyList<DoraWeek> DoraTrend);
