using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Messages;

namespace ChatOpsBot.Core.StatusPages;

/// <summary>How the status page events read on the timeline and in the incident channel.</summary>
public static class StatusPageText
{
    public static string Describe(IncidentEvent e) => e switch
    {
        PublicUpdatePosted p => $"Made public: {p.Text}",
        StatusPageIncidentCreated c => $"On the {c.Provider} status page as {c.ExternalId}{(c.Url is null ? "" : $" <{c.Url}>")}",
        StatusPageUpdated => "Public updates published on the status page",
        StatusPageIncidentResolved r => $"Resolved on the {r.Provider} status page",
        StatusPageFailed f => $"{f.Provider} status page call failed: {f.Error}",
        _ => e.GetType().Name,
    };

    public static ChatMessage? ForChannel(IncidentEvent e) => e switch
    {
        StatusPageIncidentCreated c => new($"🌐 {Incident.FormatKey(c.IncidentNumber)} is on the public status page{(c.Url is null ? "." : $": {c.Url}")}"),
        StatusPageFailed f => new($"⚠️ Updating the {f.Provider} status page failed ({f.Error}). The bot keeps retrying."),
        _ => null,
    };
}
