using System.Globalization;
using System.Text;
using ChatOpsBot.Core.Dora;
using ChatOpsBot.Core.Timeline;

namespace ChatOpsBot.Core.Insights;

/// <summary><c>/incident insights</c>: the headline numbers in chat, the charts one link away on /insights.</summary>
public static class InsightsText
{
    public const int RecurringLimit = 5;

    public static string Format(InsightsReport report)
    {
        var sb = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"🧭 Insights, last {report.Days} days: {report.Incidents} incidents (charts: /insights?days={report.Days})"));
        sb.Append("\nRecurring:");
        if (report.Recurring.Count == 0)
        {
            sb.Append(" nothing came back twice.");
        }

        foreach (var r in report.Recurring.Take(RecurringLimit))
        {
            sb.Append(CultureInfo.InvariantCulture, $"\n• {r.Kind} {r.Name}: {r.Count} incidents ({string.Join(", ", r.Incidents.Select(i => i.Key))}{(r.PrivateIncidents > 0 ? $"{(r.Incidents.Count > 0 ? ", " : "")}{r.PrivateIncidents} private" : "")})");
        }

        var a = report.ActionItems;
        sb.Append(CultureInfo.InvariantCulture, $"\nAction items: {a.Total} — {a.Open} open, {a.Done} done, {a.Overdue} overdue");
        if (a.MedianTimeToDone is { } median)
        {
            sb.Append($", median {TimeText.Duration(median)} to done");
        }

        var all = report.Trend.Where(t => t.Severity == "all" && t.Incidents > 0).ToList();
        if (all.Count > 0)
        {
            var last = all[^1];
            sb.Append(CultureInfo.InvariantCulture, $"\nWeek of {last.WeekStart:yyyy-MM-dd}: {last.Incidents} incidents, MTTA {Duration(last.MedianTimeToAcknowledge)}, MTTR {Duration(last.MedianTimeToResolve)}");
        }

        var flags = report.ReviewFlags.SelectMany(w => w.ByKind).GroupBy(p => p.Key).Select(g => (Kind: g.Key, Count: g.Sum(p => p.Value)))
            .OrderByDescending(k => k.Count).ThenBy(k => k.Kind, StringComparer.Ordinal).ToList();
        sb.Append("\nBlameless-review flags: ").Append(flags.Count == 0 ? "none" : string.Join(", ", flags.Take(5).Select(f => $"\"{f.Kind}\" ×{f.Count}")));
        if (report.Dora is { } dora)
        {
            sb.Append('\n').Append(DoraText.Format(dora));
        }

        return sb.ToString();
    }

    private static string Duration(TimeSpan? value) => value is { } v ? TimeText.Duration(v) : "—";
}
