using ChatOpsBot.Core.Changes;
using ChatOpsBot.Core.Dora;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Postmortems;
using ChatOpsBot.Core.Statistics;

namespace ChatOpsBot.Core.Insights;

/// <summary>One incident as insights see it: its state, key times, and the blameless-review flags on its timeline.</summary>
public sealed record InsightFacts(Incident Incident, KeyTimes Times, IReadOnlyList<BlamelessHit> ReviewHits);

/// <summary>
/// Learning across incidents, computed from their timelines: what recurs, whether action items get done, how
/// acknowledgement and resolution times move week by week, what the blameless review keeps flagging, and the four keys.
/// </summary>
public static class IncidentInsights
{
    public static readonly IReadOnlyList<string> RecurrenceKinds = ["alertname", "service"];

    public static InsightsReport Compute(IReadOnlyList<InsightFacts> facts, IReadOnlyList<Change>? deploys, DateTimeOffset now, int days, DoraSettings? dora = null)
    {
        var from = now - TimeSpan.FromDays(days);
        var inWindow = facts.Where(f => f.Incident.DeclaredAt >= from && f.Incident.DeclaredAt <= now).OrderBy(f => f.Incident.Number).ToList();
        var weeks = Weeks(from, now);
        var incidentFacts = facts.Select(f => new IncidentFacts(f.Incident, f.Times)).ToList();
        return new InsightsReport(
            days,
            from,
            now,
            inWindow.Count,
            weeks,
            Recurring(inWindow),
            FollowThroughOf(inWindow.Select(f => f.Incident), now),
            Trend(inWindow, weeks),
            ReviewFlags(inWindow, weeks),
            deploys is null ? null : DoraMetrics.Compute(deploys, incidentFacts, now, days, dora),
            // Each week's keys over its own seven days; the current week's frequency is of the days so far.
            deploys is null ? [] : weeks.Select(w => new DoraWeek(w, DoraMetrics.Compute(deploys, incidentFacts, w.AddDays(7), 7, dora).Overall)).ToList());
    }

    /// <summary>The kind of blame a review flag is counted under, as the draft names it.</summary>
    public static string FlagKind(BlamelessHit hit) => hit.Kind.Label();

    /// <summary>When an action item was done, or null while it is open.</summary>
    public static DateTimeOffset? DoneAt(ActionItem item) => item.DoneAt;

    /// <summary>Week starts (Monday 00:00 UTC) from the week holding <paramref name="from"/> to the one holding <paramref name="to"/>.</summary>
    public static IReadOnlyList<DateTimeOffset> Weeks(DateTimeOffset from, DateTimeOffset to)
    {
        var start = WeekOf(from);
        var weeks = new List<DateTimeOffset>();
        for (var week = start; week <= to; week = week.AddDays(7))
        {
            weeks.Add(week);
        }

        return weeks;
    }

    public static DateTimeOffset WeekOf(DateTimeOffset time)
    {
        var day = time.UtcDateTime.Date;
        var sinceMonday = ((int)day.DayOfWeek + 6) % 7;
        return new DateTimeOffset(day.AddDays(-sinceMonday), TimeSpan.Zero);
    }

    private static List<Recurrence> Recurring(List<InsightFacts> incidents)
    {
        var found = new List<Recurrence>();
        foreach (var kind in RecurrenceKinds)
        {
            var byName = new Dictionary<string, List<Incident>>(StringComparer.OrdinalIgnoreCase);
            foreach (var incident in incidents.Select(f => f.Incident))
            {
                var names = kind == "service"
                    ? incident.AffectedServices
                    : incident.Alerts.Values.Select(a => a.Labels.GetValueOrDefault("alertname")).OfType<string>().Where(n => n.Length > 0);
                foreach (var name in names.Distinct(StringComparer.OrdinalIgnoreCase))
                {
                    (byName.TryGetValue(name, out var list) ? list : byName[name] = []).Add(incident);
                }
            }

            // Private incidents count, but are not named or linked: the insights page is read by people outside them.
            found.AddRange(byName.Where(p => p.Value.Count > 1).Select(p => new Recurrence(kind, p.Key,
                p.Value.Where(i => !i.IsPrivate).Select(i => new IncidentLink(i.Number, i.Key, i.Title)).ToList(),
                p.Value.Count(i => i.IsPrivate))));
        }

        return found.OrderByDescending(r => r.Count).ThenBy(r => r.Kind, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    private static FollowThrough FollowThroughOf(IEnumerable<Incident> incidents, DateTimeOffset now)
    {
        var items = incidents.SelectMany(i => i.ActionItems).ToList();
        var done = items.Select(i => (Item: i, DoneAt: DoneAt(i))).Where(x => x.DoneAt is not null).ToList();
        var open = items.Where(i => DoneAt(i) is null).ToList();
        var took = done.Select(x => x.DoneAt!.Value - x.Item.AddedAt).Order().ToList();
        return new FollowThrough(items.Count, open.Count, done.Count, open.Count(i => i.DueAt < now), DoraMetrics.Median(took));
    }

    private static List<WeekTrend> Trend(List<InsightFacts> incidents, IReadOnlyList<DateTimeOffset> weeks)
    {
        var trend = new List<WeekTrend>();
        var severities = Enum.GetValues<Severity>().Select(s => (Label: s.Label(), Match: (Func<Incident, bool>)(i => i.Severity == s)))
            .Append(("all", _ => true));
        foreach (var (label, match) in severities)
        {
            foreach (var week in weeks)
            {
                var inWeek = incidents.Where(f => match(f.Incident) && WeekOf(f.Incident.DeclaredAt) == week).ToList();
                trend.Add(new WeekTrend(week, label, inWeek.Count,
                    DoraMetrics.Median(inWeek.Select(f => f.Times.TimeToAcknowledge).OfType<TimeSpan>().Order().ToList()),
                    DoraMetrics.Median(inWeek.Select(f => f.Times.TimeToResolve).OfType<TimeSpan>().Order().ToList())));
            }
        }

        return trend;
    }

    private static List<ReviewFlagWeek> ReviewFlags(List<InsightFacts> incidents, IReadOnlyList<DateTimeOffset> weeks) =>
        weeks.Select(week => new ReviewFlagWeek(week, incidents
                .Where(f => WeekOf(f.Incident.DeclaredAt) == week)
                .SelectMany(f => f.ReviewHits)
                .GroupBy(FlagKind, StringComparer.OrdinalIgnoreCase)
                .OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase)))
            .ToList();
}
