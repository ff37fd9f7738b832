using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Postmortems;

namespace ChatOpsBot.Core.Messages;

/// <summary>Messages for people outside the war room: status updates by channel or DM, and the postmortem notice.</summary>
public static class StakeholderMessages
{
    /// <summary>A status update as stakeholders see it: it must make sense without the incident channel's context.</summary>
    public static ChatMessage Update(Incident incident, StatusUpdatePosted update) =>
        new($"📣 {incident.Key} ({incident.Severity.Label()}, {incident.Status.Label()}) · {ChatText.Inert(incident.Title)}\n{ChatText.Inert(update.Text)}\n— {ChatText.Mention(update.Actor)}")
        {
            Title = $"📣 {incident.Key} · {incident.Severity.Label()} · {ChatText.Inert(incident.Title)}",
            Fields = [new("Status", incident.Status.Label()), new("Update", ChatText.Inert(update.Text)), new("From", ChatText.Mention(update.Actor))],
            Context = $"You follow {incident.Key}. {ChatText.Code($"/incident unsubscribe {incident.Key}")} stops these messages.",
        };

    /// <summary>Posted in the incident channel at close, with links to the draft (as a page and as Markdown) and the incident page.</summary>
    public static ChatMessage PostmortemReady(Incident incident, PostmortemDraft draft, PageLinks links)
    {
        var page = links.Postmortem(incident.Number);
        var markdown = links.PostmortemMarkdown(incident.Number);
        var incidentPage = links.Incident(incident.Number);
        return new($"📝 The postmortem draft for {incident.Key} is ready: {page} (Markdown: {markdown}; incident page: {incidentPage})"
            + (draft.ReviewHits.Count == 0 ? "" : $"\n⚠️ {draft.ReviewNotice}: see Review before sharing in the draft."))
        {
            Title = $"📝 Postmortem draft · {incident.Key} · {ChatText.Inert(incident.Title)}",
            Fields =
            [
                new("Draft", page),
                new("Review before sharing", draft.ReviewHits.Count == 0 ? "No sentence needs review" : draft.ReviewNotice),
                new("Export the timeline", ChatText.Code("/incident export md|csv|json")),
            ],
            Links = [new MessageLink("Postmortem draft", page), new MessageLink("Markdown", markdown), new MessageLink("Incident page", incidentPage)],
            Context = "Compiled from the timeline. Blameless: describe what happened and why it made sense at the time.",
        };
    }
}
