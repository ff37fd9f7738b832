using System.Globalization;

namespace ChatOpsBot.Core.Incidents;

/// <summary>Where the events of one inbound request landed: versions <see cref="FirstVersion"/> to <see cref="LastVersion"/> of one incident.</summary>
public sealed record RecordedRequest(string Key, int IncidentNumber, long FirstVersion, long LastVersion)
{
    /// <summary>
    /// How long a store remembers a request key. Slack refuses signatures older than five minutes, so a replay cannot
    /// be older than that; a person retrying after an outage does so within the day.
    /// </summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(1);

    public const int MaxKeyLength = 200;

    /// <summary>"incident:first:last", the form both stores keep.</summary>
    public string Location => string.Create(CultureInfo.InvariantCulture, $"{IncidentNumber}:{FirstVersion}:{LastVersion}");

    public static RecordedRequest Parse(string key, string location)
    {
        var parts = location.Split(':');
        return new RecordedRequest(key, int.Parse(parts[0], CultureInfo.InvariantCulture),
            long.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture));
    }

    /// <summary>Each distinct request key of <paramref name="events"/> (to be appended after <paramref name="expectedVersion"/>) with its range.</summary>
    public static IReadOnlyList<RecordedRequest> Of(int incidentNumber, long expectedVersion, IReadOnlyList<IncidentEvent> events)
    {
        var ranges = new Dictionary<string, RecordedRequest>(StringComparer.Ordinal);
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i].RequestKey is not { } key)
            {
                continue;
            }

            var version = expectedVersion + i + 1;
            ranges[key] = ranges.TryGetValue(key, out var known) ? known with { LastVersion = version } : new RecordedRequest(key, incidentNumber, version, version);
        }

        return [.. ranges.Values];
    }
}
