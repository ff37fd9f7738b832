using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Messages;

namespace ChatOpsBot.Core.Tracker;

/// <summary>How the tracker events read on the timeline and in the incident channel.</summary>
public static class TrackerText
{
    public static string Describe(IncidentEvent e) => e switch
    {
        ActionItemsExportRequested r => $"{e.Actor.Mention} asked to file action items up to #{r.ThroughItem} in the tracker",
        ActionItemExported x => $"Action item #{x.ItemNumber} filed in {x.Tracker} as {x.IssueKey} <{x.IssueUrl}>",
        ActionItemExportFailed f => $"Filing action item #{f.ItemNumber} in {f.Tracker} failed: {f.Error}",
        ActionItemClosedInTracker c => $"Action item #{c.ItemNumber} done: {c.IssueKey} closed in {c.Tracker}",
        _ => e.GetType().Name,
    };

    public static ChatMessage? ForChannel(IncidentEvent e) => e switch
    {
        ActionItemExported x => new($"🎫 Action item #{x.ItemNumber} is {x.IssueKey}: {x.IssueUrl}"),
        ActionItemExportFailed f => new($"⚠️ Filing action item #{f.ItemNumber} in {f.Tracker} failed ({f.Error}). The bot keeps retrying."),
        ActionItemClosedInTracker c => new($"✅ Action item #{c.ItemNumber} is done: {c.IssueKey} was closed in {c.Tracker}."),
        _ => null,
    };
}
