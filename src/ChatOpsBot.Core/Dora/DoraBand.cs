using System.Text.Json.Serialization;

namespace ChatOpsBot.Core.Dora;

/// <summary>DORA's performance clusters, best first.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DoraBand>))]
public enum DoraBand
{
    Elite,
    High,
    Medium,
    Low,
}

/// <summary>
/// The band thresholds, from the software delivery performance table of the Accelerate State of DevOps Report
/// (DORA, 2019; the table Google's Four Keys dashboard reads), made into edges that neither overlap nor leave gaps:
/// <list type="bullet">
/// <item>Deployment frequency — elite: on demand, daily or more; high: between once a day and once a week;
/// medium: between once a week and once a month; low: less than once a month.</item>
/// <item>Lead time for changes (median) — elite: less than one day; high: one day to one week; medium: one week to one
/// month; low: a month or more.</item>
/// <item>Time to restore service (median) — elite: less than one hour; high: less than one day; medium: one day to one
/// week (the 2021 report's medium; 2019's overlapped high); low: a week or more.</item>
/// <item>Change failure rate — elite: 0–15 %; high: up to 30 % (2021's high); medium: up to 45 %; low: above 45 %
/// (2019's low is 46–60 %).</item>
/// </list>
/// "Less than" edges are strict (exactly one day of lead time is high); percentages are inclusive (exactly 15 % is elite).
/// </summary>
public static class DoraBands
{
    public static DoraBand DeploymentFrequency(double deploysPerDay) =>
        deploysPerDay >= 1 ? DoraBand.Elite
        : deploysPerDay >= 1.0 / 7 ? DoraBand.High
        : deploysPerDay >= 1.0 / 30 ? DoraBand.Medium
        : DoraBand.Low;

    public static DoraBand LeadTime(TimeSpan median) =>
        median < TimeSpan.FromDays(1) ? DoraBand.Elite
        : median < TimeSpan.FromDays(7) ? DoraBand.High
        : median < TimeSpan.FromDays(30) ? DoraBand.Medium
        : DoraBand.Low;

    public static DoraBand TimeToRestore(TimeSpan median) =>
        median < TimeSpan.FromHours(1) ? DoraBand.Elite
        : median < TimeSpan.FromDays(1) ? DoraBand.High
        : median < TimeSpan.FromDays(7) ? DoraBand.Medium
        : DoraBand.Low;

    /// <summary>Compared in whole basis points, so 3 of 20 (exactly 15 %) is elite and never lost to floating point.</summary>
    public static DoraBand ChangeFailureRate(int failed, int deploys)
    {
        var basisPoints = (long)failed * 10_000;
        return basisPoints <= 1_500L * deploys ? DoraBand.Elite
            : basisPoints <= 3_000L * deploys ? DoraBand.High
            : basisPoints <= 4_500L * deploys ? DoraBand.Medium
            : DoraBand.Low;
    }
}
