using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Messages;

namespace ChatOpsBot.Core.Postmortems;

/// <summary>The draft as a file for the channel; one name whether it is shared at close or on demand.</summary>
public static class PostmortemFile
{
    public static ChatFile For(Incident incident, PostmortemDraft draft) =>
        new($"{incident.Key}-postmortem.md", $"Postmortem draft · {incident.Key} · {incident.Title}", draft.Markdown);
}
