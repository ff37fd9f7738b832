using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Messages;

namespace ChatOpsBot.Core.Paging;

/// <summary>How the paging events read on the timeline and in the incident channel.</summary>
public static class PagingText
{
    public static string Describe(IncidentEvent e) => e switch
    {
        PageRequested { Automatic: true } r => $"Automatic page #{r.PageNumber} of {r.Target} requested",
        PageRequested r => $"{e.Actor.Mention} asked to page {r.Target}{(r.Message is null ? "" : $": {r.Message}")}",
        Paged p => $"Paged (#{p.PageNumber}) via {p.Provider}, id {p.ProviderId}",
        PageFailed f => $"Page #{f.PageNumber} via {f.Provider} failed: {f.Error}",
        PageResolved r => $"Page #{r.PageNumber} resolved in {r.Provider}",
        PageAcknowledged a => $"{e.Actor.Mention} acknowledged the page in {a.Provider} ({a.ProviderId})",
        _ => e.GetType().Name,
    };

    /// <summary>The channel hears when a page is out, when it fails (it is retried) and when someone acknowledges it.</summary>
    public static ChatMessage? ForChannel(IncidentEvent e) => e switch
    {
        Paged p => new($"📟 Page #{p.PageNumber} is out via {p.Provider} (id {p.ProviderId})."),
        PageFailed f => new($"⚠️ Paging via {f.Provider} failed ({f.Error}). The bot keeps retrying; page by hand if this is urgent."),
        PageAcknowledged a => new($"👍 {e.Actor.Mention} acknowledged the page in {a.Provider}."),
        _ => null,
    };
}
