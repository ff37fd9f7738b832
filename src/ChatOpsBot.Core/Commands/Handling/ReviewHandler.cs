using System.Text;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Postmortems;

namespace ChatOpsBot.Core.Commands.Handling;

/// <summary>"/incident review": the sentences of the timeline so far that read as blame, each with its kind and prompt.</summary>
internal sealed class ReviewHandler(IncidentReader incidents, BlamelessReview review)
{
    // A chat reply stays readable; the postmortem draft lists every flagged sentence.
    private const int ReviewReplyLimit = 15;

    public async Task<CommandOutcome> ReviewAsync(Incident incident, CancellationToken cancellationToken)
    {
        var hits = review.Review(await incidents.ReadTimelineAsync(incident.Number, cancellationToken));
        if (hits.Count == 0)
        {
            return CommandOutcome.Reply(
                $"🔎 Blameless review of {incident.Key}: no sentence in the notes, updates, summaries or action items so far reads as blame or hindsight.", incident.Number);
        }

        var sb = new StringBuilder($"🔎 Blameless review of {incident.Key}: {PostmortemDraft.ReviewNoticeFor(hits.Count)}.");
        foreach (var (hit, i) in hits.Take(ReviewReplyLimit).Select((h, i) => (h, i + 1)))
        {
            sb.Append('\n').Append(i).Append(". \"").Append(hit.Quote).Append("\" — ").Append(hit.Kind.Label()).Append(" (").Append(hit.Source).Append(")\n   ")
                .Append(hit.Hint);
        }

        if (hits.Count > ReviewReplyLimit)
        {
            sb.Append('\n').Append($"…and {hits.Count - ReviewReplyLimit} more: see Review before sharing in `/incident postmortem`.");
        }

        return CommandOutcome.Reply(sb.ToString(), incident.Number);
    }
}
