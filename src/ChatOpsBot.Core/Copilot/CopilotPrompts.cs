using System.Text;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Postmortems;
using ChatOpsBot.Core.Timeline;

namespace ChatOpsBot.Core.Copilot;

/// <summary>
/// The prompts the copilot sends: the instructions, and the incident as the timeline tells it (nothing else: no
/// chat history, no user directory), so what the model proposes can be checked against the timeline.
/// </summary>
public static class CopilotPrompts
{
    // A busy incident has thousands of events; the prompt keeps the first and the latest, which carry the story.
    private const int MaxRows = 300;

    public const string PostmortemInstructions = """
        You help an incident team write a blameless postmortem. Use only the incident timeline you are given; do not
        invent causes, numbers or people. Where the timeline does not say, write that it does not say.
        Answer with one JSON object and nothing else:
        {"summary": "...", "impact": "...", "rewrites": ["...", "..."]}
        - summary: two or three sentences: what happened, what it affected, how it was fixed.
        - impact: one paragraph: who or what was affected, how badly and for how long, as far as the timeline tells.
        - rewrites: one entry for each numbered sentence under "Sentences to rewrite", in the same order: the same
          facts said neutrally, describing what happened and why it made sense at the time, blaming no one.
        """;

    public const string StatusUpdateInstructions = """
        You draft a status update for the stakeholders of an ongoing incident, for the incident commander to edit
        and post. Use only the incident timeline you are given; do not invent facts. Two or three plain sentences:
        the current state, who or what is affected, and what happens next. No Markdown, no greeting.
        """;

    public static CopilotPrompt Postmortem(Incident incident, IReadOnlyList<IncidentEvent> events, IReadOnlyList<BlamelessHit> hits)
    {
        var sb = Describe(incident, events);
        if (hits.Count > 0)
        {
            sb.Append("\nSentences to rewrite:\n");
            foreach (var (hit, i) in hits.Select((h, i) => (h, i + 1)))
            {
                sb.Append(i).Append(". ").Append(hit.Quote).Append('\n');
            }
        }

        return new CopilotPrompt(CopilotPurpose.Postmortem, incident.Number, incident.IsPrivate, PostmortemInstructions, sb.ToString(), WantsJson: true);
    }

    public static CopilotPrompt StatusUpdate(Incident incident, IReadOnlyList<IncidentEvent> events) =>
        new(CopilotPurpose.StatusUpdate, incident.Number, incident.IsPrivate, StatusUpdateInstructions, Describe(incident, events).ToString(), WantsJson: false);

    private static StringBuilder Describe(Incident incident, IReadOnlyList<IncidentEvent> events)
    {
        var sb = new StringBuilder();
        sb.Append("Incident ").Append(incident.Key).Append(": ").Append(incident.Title).Append('\n');
        sb.Append("Severity: ").Append(incident.Severity.Label()).Append(". Status: ").Append(incident.Status.Label()).Append('.');
        if (incident.ResolutionSummary is { } summary)
        {
            sb.Append(" Resolve summary: ").Append(summary);
        }

        sb.Append("\n\nTimeline (UTC, T+ from the declaration):\n");
        // The draft's own posting is not part of the story, and would make every re-read look like a new timeline.
        var rows = TimelineRow.From(events).Where(r => r.Event is not PostmortemDrafted).ToList();
        var shown = rows.Count <= MaxRows ? rows : [.. rows.Take(MaxRows / 3), .. rows.TakeLast(MaxRows - MaxRows / 3)];
        foreach (var row in shown)
        {
            sb.Append("- ").Append(TimeText.Utc(row.OccurredAt)).Append(" (T+").Append(TimeText.Duration(row.SinceDeclared)).Append(") ")
                .Append(row.Actor).Append(": ").Append(row.Text.ReplaceLineEndings(" ")).Append('\n');
        }

        if (shown.Count < rows.Count)
        {
            sb.Append($"({rows.Count - shown.Count} entries in the middle are left out.)\n");
        }

        return sb;
    }
}
