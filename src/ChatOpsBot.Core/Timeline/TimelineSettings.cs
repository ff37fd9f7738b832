namespace ChatOpsBot.Core.Timeline;

/// <summary>
/// How timelines and postmortems show time: always UTC, and also in the team's reference time zone.
/// A plain value so Core needs no Options package; the host builds it from "Timeline:TimeZone".
/// </summary>
public sealed record TimelineSettings(TimeZoneInfo TimeZone)
{
    public static readonly TimelineSettings Utc = new(TimeZoneInfo.Utc);

    /// <summary>Whether a second, local column is worth printing (not when the reference zone is UTC itself).</summary>
    public bool ShowsLocalTime => TimeZone != TimeZoneInfo.Utc && TimeZone.Id is not ("UTC" or "Etc/UTC");
}
