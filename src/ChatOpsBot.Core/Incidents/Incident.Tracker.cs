using System.Collections.Immutable;

namespace ChatOpsBot.Core.Incidents;

/// <summary>An action item's issue in the tracker.</summary>
public sealed record TrackedIssue(string Tracker, string Key, string Url, bool IsClosed);

public sealed partial record Incident
{
    /// <summary>Action items up to this number were asked to be filed in the tracker.</summary>
    public int ExportRequestedThrough { get; private init; }

    /// <summary>The issue of each filed action item, by item number.</summary>
    public ImmutableDictionary<int, TrackedIssue> TrackedIssues { get; private init; } = ImmutableDictionary<int, TrackedIssue>.Empty;

    /// <summary>The last error filing each item that is not filed yet.</summary>
    public ImmutableDictionary<int, string> ExportErrors { get; private init; } = ImmutableDictionary<int, string>.Empty;

    /// <summary>Open items asked to be filed that have no issue yet: what the tracker worker still owes.</summary>
    public IEnumerable<ActionItem> ActionItemsToExport =>
        ActionItems.Where(a => a.Number <= ExportRequestedThrough && !a.IsDone && !TrackedIssues.ContainsKey(a.Number));

    public Decision RequestActionItemExport()
    {
        if (ActionItems.Count == 0)
        {
            return Decision.Refuse($"{Key} has no action items to file; add one with `/incident action <text> [@owner]`.");
        }

        var latest = ActionItems.Max(a => a.Number);
        return ActionItems.All(a => a.IsDone || TrackedIssues.ContainsKey(a.Number))
            ? Decision.NoChange($"Every open action item of {Key} is already filed{(TrackedIssues.IsEmpty ? "" : $": {string.Join(", ", TrackedIssues.Values.Select(i => i.Key))}")}.")
            : latest <= ExportRequestedThrough
                ? Decision.NoChange($"The action items of {Key} are being filed already.")
                : Decision.Accept(new ActionItemsExportRequested(latest));
    }

    public Decision RecordActionItemExported(int item, string tracker, string issueKey, string issueUrl) =>
        TrackedIssues.ContainsKey(item)
            ? Decision.NoChange($"Action item #{item} is already filed.")
            : Decision.Accept(new ActionItemExported(item, tracker, issueKey, issueUrl));

    public Decision RecordActionItemExportFailed(int item, string tracker, string error) =>
        ExportErrors.GetValueOrDefault(item) == error
            ? Decision.NoChange("The same error was already reported.")
            : Decision.Accept(new ActionItemExportFailed(item, tracker, error));

    public Decision RecordIssueClosed(string tracker, string issueKey)
    {
        var (item, issue) = TrackedIssues.FirstOrDefault(t => t.Value.Tracker == tracker && t.Value.Key.Equals(issueKey, StringComparison.OrdinalIgnoreCase));
        return issue is null ? Decision.Refuse($"{issueKey} is not an action item of {Key}.")
            : issue.IsClosed ? Decision.NoChange($"Action item #{item} is already done.")
            : Decision.Accept(new ActionItemClosedInTracker(item, tracker, issue.Key));
    }

    private Incident WithTracker(IncidentEvent e) => e switch
    {
        ActionItemsExportRequested r => this with { ExportRequestedThrough = Math.Max(ExportRequestedThrough, r.ThroughItem) },
        ActionItemExported x => this with
        {
            TrackedIssues = TrackedIssues.SetItem(x.ItemNumber, new TrackedIssue(x.Tracker, x.IssueKey, x.IssueUrl, IsClosed: false)),
            ExportErrors = ExportErrors.Remove(x.ItemNumber),
        },
        ActionItemExportFailed f => this with { ExportErrors = ExportErrors.SetItem(f.ItemNumber, f.Error) },
        // The issue closed is the work done: the item is done for the postmortem, the stats and the due reminders too.
        ActionItemClosedInTracker c when TrackedIssues.TryGetValue(c.ItemNumber, out var issue) =>
            (this with { TrackedIssues = TrackedIssues.SetItem(c.ItemNumber, issue with { IsClosed = true }) })
            .WithActionItemChange(new ActionItemDone(c.ItemNumber) { OccurredAt = c.OccurredAt }),
        _ => this,
    };
}
