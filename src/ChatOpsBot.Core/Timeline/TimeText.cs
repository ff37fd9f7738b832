using System.Globalization;

namespace ChatOpsBot.Core.Timeline;

/// <summary>
/// Times and durations as exports and postmortems print them. Invariant culture throughout: under fi-FI ':'
/// becomes '.', under th-TH the year becomes 2568, and a scribe's spreadsheet must not depend on the host.
/// </summary>
public static class TimeText
{
    public static string Utc(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>ISO 8601 with a Z, for machine-read cells (CSV).</summary>
    public static string Iso(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Local time with its offset, so the reader never has to know whether DST applied that day.</summary>
    public static string Local(DateTimeOffset time, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(time, zone).ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);

    /// <summary>"T+01:02:03" from the declaration; "T-00:05:00" for what happened before it (an alert, a pinned message).</summary>
    public static string Offset(TimeSpan sinceStart)
    {
        var sign = sinceStart < TimeSpan.Zero ? '-' : '+';
        var d = sinceStart.Duration();
        return string.Create(CultureInfo.InvariantCulture, $"T{sign}{(long)d.TotalHours:00}:{d.Minutes:00}:{d.Seconds:00}");
    }

    /// <summary>"1h 05m", "12m 30s", "45s": how a responder reads a duration.</summary>
    public static string Duration(TimeSpan duration)
    {
        var d = duration.Duration();
        var sign = duration < TimeSpan.Zero ? "-" : "";
        var text = d.TotalDays >= 1 ? $"{(long)d.TotalDays}d {d.Hours:00}h {d.Minutes:00}m"
            : d.TotalHours >= 1 ? $"{(long)d.TotalHours}h {d.Minutes:00}m"
            : d.TotalMinutes >= 1 ? $"{d.Minutes}m {d.Seconds:00}s"
            : $"{d.Seconds}s";
        return sign + text;
    }
}
