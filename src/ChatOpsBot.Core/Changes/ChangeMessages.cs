using System.Text;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Messages;
using ChatOpsBot.Core.Timeline;

namespace ChatOpsBot.Core.Changes;

/// <summary>"What changed?" as chat shows it: a field and links on the kick-off card, and the <c>/incident changes</c> reply.</summary>
public static class ChangeMessages
{
    /// <summary>The card stays short; the rest is one command away.</summary>
    public const int KickoffLimit = 5;

    public const int ReplyLimit = 20;

    public static ChatMessage WithRecentChanges(ChatMessage kickoff, Incident incident, RecentChanges changes)
    {
        // Nothing deployed (or no deploy intake set up): the card stays as it was rather than carry an empty section.
        if (changes.Count == 0)
        {
            return kickoff;
        }

        var shown = changes.All.Take(KickoffLimit).ToList();
        var lines = shown.Select(c => Line(c, incident)).ToList();
        if (changes.Count > shown.Count)
        {
            lines.Add($"…and {changes.Count - shown.Count} more: `/incident {incident.Key} changes`");
        }

        return kickoff with
        {
            Fields = [.. kickoff.Fields, new MessageField(FieldLabel(changes), string.Join("\n", lines))],
            Links = [.. kickoff.Links, .. shown.Where(c => c.Url is not null).Select(c => new MessageLink($"Deploy {c.Id}", c.Url!))],
        };
    }

    public static string Reply(Incident incident, RecentChanges changes)
    {
        var sb = new StringBuilder($"🔎 What changed in the {Commands.DurationText.Format(changes.Lookback)} before {incident.Key}");
        if (changes.Count == 0)
        {
            return sb.Append(": no deploys recorded.").ToString();
        }

        sb.Append($" ({changes.Count} deploy{(changes.Count == 1 ? "" : "s")}");
        sb.Append(incident.AffectedServices.Count == 0 ? ")" : $"; {string.Join(", ", incident.AffectedServices)} first)");
        sb.Append(':');
        foreach (var change in changes.All.Take(ReplyLimit))
        {
            sb.Append("\n• ").Append(Line(change, incident));
            if (change.Url is not null)
            {
                sb.Append(" — ").Append(change.Url);
            }
        }

        if (changes.Count > ReplyLimit)
        {
            sb.Append($"\n…and {changes.Count - ReplyLimit} older.");
        }

        return sb.Append($"\nTag the cause: `/incident {incident.Key} change <id>`.").ToString();
    }

    private static string Line(Change change, Incident incident)
    {
        var before = incident.DeclaredAt - change.FinishedAt;
        var when = before >= TimeSpan.Zero ? $"{Commands.DurationText.Format(before)} before" : $"{Commands.DurationText.Format(-before)} after";
        var cause = incident.LinkedChanges.Contains(change.Id) ? " ← tagged as the cause" : "";
        return $"`{change.Id}` {change.Describe()}, {when} declare{cause}";
    }

    private static string FieldLabel(RecentChanges changes) => $"What changed (last {Commands.DurationText.Format(changes.Lookback)})";
}
