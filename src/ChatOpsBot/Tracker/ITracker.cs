using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Tracker;

/// <summary>What filing one action item needs.</summary>
public sealed record ActionItemOrder(Incident Incident, ActionItem Item, Uri? Link)
{
    public string Title => Cut($"[{Incident.Key}] {Item.Text}", 250);

    public string Marker => TrackerMarker.For(Incident, Item.Number);

    public IReadOnlyList<string> Lines =>
    [
        $"Action item #{Item.Number} of {Incident.Key} ({Incident.Severity.Label()}): {Incident.Title}",
        $"Owner: {Item.Owner?.Mention ?? "unassigned"}",
        .. Item.DueAt is { } due ? [$"Due: {due:yyyy-MM-dd} UTC"] : Array.Empty<string>(),
        $"Incident: {Link?.ToString() ?? Incident.Key}",
        $"Filed by ChatOpsBot ({Marker}); closing this issue marks the action item done.",
    ];

    private static string Cut(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}

public sealed record FiledIssue(string Key, string Url);

/// <summary>Where action items become issues: GitHub or Jira. Throws <see cref="TrackerException"/> with a reason people can read.</summary>
public interface ITracker
{
    /// <summary>"GitHub" or "Jira": the name on the timeline and the one webhooks are matched by.</summary>
    string Name { get; }

    /// <summary>
    /// Issues already in the tracker for these of the incident's items, found by the <see cref="TrackerMarker"/> each
    /// filed issue carries; by item number. Asked before filing, so an issue whose creation was never recorded (the
    /// host died after the tracker created it, or its answer was lost) is adopted instead of filed a second time.
    /// </summary>
    Task<IReadOnlyDictionary<int, FiledIssue>> FindFiledAsync(Incident incident, IReadOnlyCollection<int> items, CancellationToken cancellationToken);

    Task<FiledIssue> FileAsync(ActionItemOrder order, CancellationToken cancellationToken);
}

/// <summary>The tracker refused the call or could not be reached; <see cref="Exception.Message"/> says why, without any secret.</summary>
public sealed class TrackerException(string message, Exception? inner = null) : Exception(message, inner);
