namespace ChatOpsBot.Core.Incidents;

// Action items in the team's tracker (Core/Tracker): asked for, filed, failed, closed there.

/// <summary>Someone (or the bot at close) asked for the action items up to <see cref="ThroughItem"/> to be filed as issues.</summary>
public sealed record ActionItemsExportRequested(int ThroughItem) : IncidentEvent;

/// <summary>The action item is an issue in the tracker now; <see cref="IssueKey"/> is "owner/repo#12" or "OPS-7".</summary>
public sealed record ActionItemExported(int ItemNumber, string Tracker, string IssueKey, string IssueUrl) : IncidentEvent;

/// <summary>Filing the item failed; retried. Recorded once per distinct error, so a retry is not news.</summary>
public sealed record ActionItemExportFailed(int ItemNumber, string Tracker, string Error) : IncidentEvent;

/// <summary>The item's issue was closed in the tracker, which makes the action item done.</summary>
public sealed record ActionItemClosedInTracker(int ItemNumber, string Tracker, string IssueKey) : IncidentEvent;
