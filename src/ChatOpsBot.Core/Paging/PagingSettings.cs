using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Core.Paging;

/// <summary>
/// Paging as the domain sees it: which providers take pages (by name), which severities page at declare, and the
/// target of that automatic page. Absent (null where it is asked for) when no provider is configured.
/// </summary>
public sealed record PagingSettings(IReadOnlyList<string> Providers, IReadOnlySet<Severity> AutomaticSeverities, string DefaultTarget)
{
    public bool PagesAtDeclare(Incident incident) =>
        incident.SeverityHistory.Count > 0 && AutomaticSeverities.Contains(incident.SeverityHistory[0]);

    /// <summary>
    /// The dedup key a provider files the page under: the incident key for the default target, so every page of
    /// the on-call for one incident is one alert; with the target for any other, so paging a second team is a new alert.
    /// </summary>
    public string DedupKey(Incident incident, Page page) =>
        page.Automatic || page.Target.Equals(DefaultTarget, StringComparison.OrdinalIgnoreCase) ? incident.Key : $"{incident.Key}:{page.Target}";

    /// <summary>The incident number in a dedup key this bot made ("INC-7" or "INC-7:db-team"), or null for anyone else's.</summary>
    public static int? IncidentNumberOf(string? dedupKey)
    {
        if (dedupKey is null || !dedupKey.StartsWith("INC-", StringComparison.Ordinal))
        {
            return null;
        }

        var end = dedupKey.IndexOf(':', StringComparison.Ordinal);
        var digits = dedupKey.AsSpan(4, (end < 0 ? dedupKey.Length : end) - 4);
        return int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;
    }
}
