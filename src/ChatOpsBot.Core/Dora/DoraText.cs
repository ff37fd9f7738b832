using System.Globalization;
using System.Text;
using ChatOpsBot.Core.Timeline;

namespace ChatOpsBot.Core.Dora;

/// <summary>The four keys as chat lines, appended to <c>/incident stats</c> and <c>/incident insights</c>.</summary>
public static class DoraText
{
    public const int ServiceLimit = 10;

    public static string Format(DoraReport report)
    {
        var sb = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"🚀 DORA four keys, last {report.Days} days (production deploys):"));
        sb.Append("\n`service       deploys  per day       lead time        failure rate   time to restore`");
        foreach (var keys in report.ByService.Take(ServiceLimit).Prepend(report.Overall))
        {
            sb.Append(CultureInfo.InvariantCulture,
                $"\n`{Cut(keys.Service, 12),-12}  {keys.Deployments,7}  {keys.DeploymentsPerDay,5:0.##} {Band(keys.DeploymentFrequencyBand),-6}  {Duration(keys.LeadTimeMedian, keys.LeadTimeBand),-15}  {Rate(keys),-13}  {Duration(keys.TimeToRestoreMedian, keys.TimeToRestoreBand)}`");
        }

        if (report.ByService.Count > ServiceLimit)
        {
            sb.Append(CultureInfo.InvariantCulture, $"\n…and {report.ByService.Count - ServiceLimit} more services on /insights.");
        }

        return sb.ToString();
    }

    public static string Band(DoraBand? band) => band?.ToString().ToLowerInvariant() ?? "—";

    private static string Duration(TimeSpan? median, DoraBand? band) => median is { } m ? $"{TimeText.Duration(m)} {Band(band)}" : "—";

    private static string Rate(DoraKeys keys) =>
        keys.ChangeFailureRate is { } rate ? string.Create(CultureInfo.InvariantCulture, $"{rate:P0} {Band(keys.ChangeFailureRateBand)}") : "—";

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
