using System.Globalization;
using System.Text;
using ChatOpsBot.Core.Timeline;

namespace ChatOpsBot.Core.Statistics;

/// <summary>The statistics as a chat reply.</summary>
public static class StatisticsText
{
    public static string Format(StatisticsReport report)
    {
        var sb = new StringBuilder($"📊 Incidents declared in the last {report.Days} days: {report.Incidents}");
        if (report.Incidents == 0)
        {
            return sb.ToString();
        }

        sb.Append("\n`severity  count  MTTA p50/p90      MTTM p50/p90      MTTR p50/p90`");
        foreach (var s in report.BySeverity.Where(s => s.Count > 0).Append(report.All))
        {
            sb.Append(CultureInfo.InvariantCulture, $"\n`{s.Severity,-8}  {s.Count,5}  {Pair(s.TimeToAcknowledge),-16}  {Pair(s.TimeToMitigate),-16}  {Pair(s.TimeToResolve),-16}`");
        }

        sb.Append(CultureInfo.InvariantCulture, $"\nPostmortem drafted: {report.WithPostmortem} of {report.Finished} resolved or closed");
        if (report.PostmortemShare is { } share)
        {
            sb.Append(CultureInfo.InvariantCulture, $" ({share:P0})");
        }

        sb.Append(CultureInfo.InvariantCulture, $"\nAction items: {report.OpenActionItems} open ({report.OverdueActionItems} overdue), {report.DoneActionItems} done");
        sb.Append(CultureInfo.InvariantCulture, $"\nCaused by a change: {report.ChangeFailures.Count}");
        foreach (var c in report.ChangeFailures)
        {
            sb.Append(CultureInfo.InvariantCulture, $"\n• {c.Incident} ({c.Severity}) ← {c.Change}");
        }

        return sb.ToString();
    }

    private static string Pair(DurationSummary d) =>
        d.Count == 0 ? "—" : $"{TimeText.Duration(d.Median!.Value)}/{TimeText.Duration(d.P90!.Value)}";
}
