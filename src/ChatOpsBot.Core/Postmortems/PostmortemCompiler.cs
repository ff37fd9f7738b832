using System.Text;
using ChatOpsBot.Core.Copilot;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Timeline;

namespace ChatOpsBot.Core.Postmortems;

/// <summary>A compiled draft: the Markdown, and the sentences that want review before it is shared.</summary>
public sealed record PostmortemDraft(string Markdown, IReadOnlyList<BlamelessHit> ReviewHits)
{
    /// <summary>"3 sentences need review before sharing", or empty when none do; chat messages quote it.</summary>
    public string ReviewNotice => ReviewNoticeFor(ReviewHits.Count);

    public static string ReviewNoticeFor(int sentences) => sentences switch
    {
        0 => "",
        1 => "1 sentence needs review before sharing",
        var n => $"{n} sentences need review before sharing",
    };
}

/// <summary>
/// Compiles the blameless postmortem draft from the timeline, in the order good templates share: header,
/// summary, impact, key times, detection, timeline, status updates, contributing factors, what went well /
/// badly / lucky, action items, links; then the sentences to review before sharing. It states what the timeline
/// knows and asks about the rest: a section with nothing known says so instead of inventing text.
/// Cost is linear in the number of events (one fold, one pass per section).
/// </summary>
public sealed class PostmortemCompiler(TimelineSettings settings, BlamelessReview review)
{
    private const string NotReached = "_not reached_";

    /// <summary>The review the draft's last section comes from; `/incident review` runs it on its own.</summary>
    public BlamelessReview BlamelessReview => review;

    /// <summary>Marks what the co-pilot proposed, wherever it appears in the draft.</summary>
    public const string AiMark = "🤖 AI-written";

    /// <summary>The draft; with <paramref name="assist"/>, the co-pilot's proposals are added beside the compiled text, marked.</summary>
    public PostmortemDraft Compile(IReadOnlyList<IncidentEvent> events, PostmortemAssist? assist = null)
    {
        if (!events.OfType<Declared>().Any())
        {
            throw new ArgumentException("A postmortem needs the incident's timeline, starting with its declaration.", nameof(events));
        }

        var incident = Incident.Fold(events);
        var times = KeyTimes.From(events);
        var hits = review.Review(events);
        var sb = new StringBuilder(4096 + events.Count * 160);
        Header(sb, incident, events, hits, assist);
        Summary(sb, incident, assist);
        Impact(sb, events, times, assist);
        KeyTimesSection(sb, times);
        DetectionSection(sb, times.Detection);
        sb.Append("\n## Timeline\n\n")
            .Append(settings.ShowsLocalTime ? $"T+ counts from the declaration. Times in UTC and in {MarkdownText.Inline(settings.TimeZone.Id)}.\n\n" : "T+ counts from the declaration. Times in UTC.\n\n");
        MarkdownTimelineExporter.AppendTable(sb, TimelineRow.From(events), settings);
        StatusUpdates(sb, events);
        Prompts(sb);
        ActionItems(sb, incident);
        Links(sb, incident);
        Review(sb, hits, assist);
        return new PostmortemDraft(sb.ToString(), hits);
    }

    private void Header(StringBuilder sb, Incident incident, IReadOnlyList<IncidentEvent> events, IReadOnlyList<BlamelessHit> hits, PostmortemAssist? assist)
    {
        sb.Append("# Postmortem draft: ").Append(incident.Key).Append(" — ").Append(MarkdownText.Inline(incident.Title)).Append("\n\n");
        sb.Append("> Compiled by ChatOpsBot from ").Append(events.Count).Append(" timeline entries (through version ").Append(incident.Version)
            .Append("). Blameless: describe what happened and why it made sense at the time, not who is to blame.");
        if (hits.Count > 0)
        {
            sb.Append("\n> ⚠️ ").Append(hits.Count).Append(hits.Count == 1 ? " sentence needs" : " sentences need").Append(" review before sharing: see *Review before sharing* at the end.");
        }

        if (assist is not null)
        {
            sb.Append("\n> ").Append(AiMark).Append(": the parts so marked were proposed by a language model from this timeline only. Check them against the timeline before sharing.");
        }

        sb.Append("\n\n| | |\n|---|---|\n");
        Row(sb, "Incident", incident.Key + (incident.IsPrivate ? " (private)" : ""));
        Row(sb, "Title", MarkdownText.Inline(incident.Title));
        var worst = incident.SeverityHistory.Min();
        Row(sb, "Severity", incident.Severity.Label() + (worst < incident.Severity ? $" (at worst {worst.Label()})" : ""));
        Row(sb, "Status", incident.Status.Label());
        Row(sb, "Commander", RoleHolders(incident, Roles.Commander));
        Row(sb, "Scribe", RoleHolders(incident, Roles.Scribe));
        // People only: the bot and alert senders act on the timeline but did not take part in the response.
        var participants = incident.Participants.Concat(events.Where(e => e.Source != EventSource.Alert).Select(e => e.Actor))
            .Where(a => a.Id != Actor.Bot.Id).DistinctBy(a => a.Id).ToList();
        Row(sb, "Participants", participants.Count == 0 ? "_none recorded_" : string.Join(", ", participants.Select(p => MarkdownText.Inline(p.Mention))));
        Row(sb, "Declared", When(incident.DeclaredAt));
        Row(sb, "Resolved", incident.ResolvedAt is { } r ? When(r) : NotReached);
        Row(sb, "Closed", incident.ClosedAt is { } c ? When(c) : NotReached);
    }

    private static void Summary(StringBuilder sb, Incident incident, PostmortemAssist? assist)
    {
        sb.Append("\n## Summary\n\n").Append(incident.ResolutionSummary is { } summary
            ? MarkdownText.Inline(summary)
            : "_No resolve summary was given. In two or three sentences: what happened, what it affected, how it was fixed._").Append('\n');
        AiParagraph(sb, "summary", assist?.Summary);
    }

    private static void AiParagraph(StringBuilder sb, string what, string? text)
    {
        if (text is not null)
        {
            sb.Append("\n> **").Append(AiMark).Append(' ').Append(what).Append(" (proposed, not checked):** ").Append(MarkdownText.Inline(text)).Append('\n');
        }
    }

    private void Impact(StringBuilder sb, IReadOnlyList<IncidentEvent> events, KeyTimes times, PostmortemAssist? assist)
    {
        sb.Append("\n## Impact\n\n");
        sb.Append("- Duration: ").Append(times.Resolved is { } resolved
            ? $"{TimeText.Duration(resolved - times.Detected)} from detection to resolution"
            : "_still unresolved_").Append('\n');
        sb.Append("- Severity over time:\n");
        var changes = events.Select(e => e switch
        {
            Declared d => (d.OccurredAt, d.Severity),
            SeverityChanged s => (s.OccurredAt, s.To),
            _ => ((DateTimeOffset, Severity)?)null,
        }).OfType<(DateTimeOffset At, Severity Severity)>().ToList();
        for (var i = 0; i < changes.Count; i++)
        {
            var until = i + 1 < changes.Count ? changes[i + 1].At : times.Resolved;
            sb.Append("  - ").Append(changes[i].Severity.Label()).Append(" from ").Append(When(changes[i].At))
                .Append(until is { } u ? $" for {TimeText.Duration(u - changes[i].At)}" : " until now").Append('\n');
        }

        sb.Append("- Who was affected, and how (customers, regions, requests, revenue)? _Not on the timeline; fill in._\n");
        AiParagraph(sb, "impact", assist?.Impact);
    }

    private void KeyTimesSection(StringBuilder sb, KeyTimes times)
    {
        sb.Append("\n## Key times and durations\n\n| Moment | When | Since detection |\n|---|---|---|\n");
        void Moment(string name, DateTimeOffset? at) =>
            sb.Append("| ").Append(name).Append(" | ").Append(at is { } t ? When(t) : NotReached).Append(" | ")
                .Append(at is { } s ? TimeText.Duration(s - times.Detected) : "").Append(" |\n");
        Moment("Detected", times.Detected);
        Moment("Declared", times.Declared);
        Moment("Acknowledged (first commander)", times.Acknowledged);
        Moment("Mitigated (first monitoring)", times.Mitigated);
        Moment("Resolved", times.Resolved);
        Moment("Closed", times.Closed);
        sb.Append('\n');
        sb.Append("- Time to acknowledge: ").Append(Span(times.TimeToAcknowledge)).Append('\n');
        sb.Append("- Time to mitigate: ").Append(Span(times.TimeToMitigate)).Append('\n');
        sb.Append("- Time to resolve: ").Append(Span(times.TimeToResolve)).Append('\n');
    }

    private void DetectionSection(StringBuilder sb, Detection detection)
    {
        sb.Append("\n## Detection\n\n");
        sb.Append(detection.ByAlert
            ? $"- Detected by an alert from {MarkdownText.Inline(detection.By.Mention)} at {When(detection.At)}{(detection.Signal is { } s ? $": {MarkdownText.Inline(s)}" : "")}\n"
            : $"- Detected by a person: {MarkdownText.Inline(detection.By.Mention)} declared it at {When(detection.At)}. No alert is on the timeline.\n");
        sb.Append("- How could we have detected this sooner, or before users did?\n");
    }

    private void StatusUpdates(StringBuilder sb, IReadOnlyList<IncidentEvent> events)
    {
        sb.Append("\n## Status updates\n\n");
        var updates = events.OfType<StatusUpdatePosted>().ToList();
        if (updates.Count == 0)
        {
            sb.Append("_No status updates were posted._\n");
            return;
        }

        foreach (var u in updates)
        {
            sb.Append("- ").Append(When(u.OccurredAt)).Append(", ").Append(MarkdownText.Inline(u.Actor.Mention)).Append(": ").Append(MarkdownText.Inline(u.Text)).Append('\n');
        }
    }

    private static void Prompts(StringBuilder sb) => sb.Append("""

        ## Contributing factors

        _Prompts, not conclusions: a complex failure has several contributing factors, not one root cause. Ask "what" and "how", not "who" or "why didn't"._

        - What conditions made this failure possible?
        - How did the triggering change reach production, and what checks did it pass?
        - What made the problem hard to see or to diagnose?
        - How did our tools, dashboards and runbooks help or get in the way?

        ## What went well

        - _What helped the response? Which tools, signals or habits should we keep?_

        ## What went badly

        - _Where did the response slow down, and what would have made it faster?_

        ## Where we got lucky

        - _What could have made this worse, and did not by chance?_

        """.Replace("\r\n", "\n", StringComparison.Ordinal));

    private void ActionItems(StringBuilder sb, Incident incident)
    {
        sb.Append("\n## Action items\n\n");
        if (incident.ActionItems.Count == 0)
        {
            sb.Append("_No action items were recorded. Add them with `/incident action <text> @owner`._\n");
            return;
        }

        // An item without a due date says so rather than inventing one.
        sb.Append("| # | Action | Owner | Due | State | Added |\n|---|---|---|---|---|---|\n");
        foreach (var item in incident.ActionItems)
        {
            sb.Append("| ").Append(item.Number).Append(" | ").Append(MarkdownText.Inline(item.Text)).Append(" | ")
                .Append(item.Owner is null ? "_unassigned_" : MarkdownText.Inline(item.Owner.Mention)).Append(" | ")
                .Append(item.DueAt is { } due ? When(due) : "_not set_").Append(" | ")
                .Append(item.IsDone ? $"done {TimeText.Utc(item.DoneAt!.Value)}" : "open").Append(" | ")
                .Append(TimeText.Utc(item.AddedAt)).Append(" |\n");
        }
    }

    private static void Links(StringBuilder sb, Incident incident)
    {
        sb.Append("\n## Links\n\n");
        sb.Append("- Incident channel: ").Append(incident.Channel is { } c ? $"\\#{MarkdownText.Inline(c.Name ?? c.Id)} ({MarkdownText.Inline(c.Platform)})" : "_none was opened_").Append('\n');
        sb.Append("- Full timeline: /api/incidents/").Append(incident.Number).Append("/timeline?format=md (also csv, json)\n");
        sb.Append("- This draft: /api/incidents/").Append(incident.Number).Append("/postmortem\n");
    }

    private static void Review(StringBuilder sb, IReadOnlyList<BlamelessHit> hits, PostmortemAssist? assist)
    {
        sb.Append("\n## Review before sharing\n\n");
        if (hits.Count == 0)
        {
            sb.Append("_No sentence in the notes, updates, summaries or action items reads as blame or hindsight._\n");
            return;
        }

        sb.Append("These sentences may read as blame or hindsight. Each prompt asks for what a blameless account needs; rewrite them before the draft is shared.\n\n");
        var withRewrites = assist is { Rewrites.Count: > 0 };
        sb.Append("| Sentence | Kind | Where | Prompt |").Append(withRewrites ? $" {AiMark} rewrite (suggested) |" : "")
            .Append(withRewrites ? "\n|---|---|---|---|---|\n" : "\n|---|---|---|---|\n");
        foreach (var (hit, i) in hits.Select((h, i) => (h, i)))
        {
            sb.Append("| ").Append(MarkdownText.Inline(hit.Quote)).Append(" | ").Append(MarkdownText.Inline(hit.Kind.Label())).Append(" | ")
                .Append(MarkdownText.Inline(hit.Source)).Append(" | ").Append(MarkdownText.Inline(hit.Hint)).Append(" |");
            if (withRewrites)
            {
                sb.Append(' ').Append(assist!.RewriteFor(i) is { } rewrite ? MarkdownText.Inline(rewrite) : "").Append(" |");
            }

            sb.Append('\n');
        }
    }

    private static string RoleHolders(Incident incident, string role)
    {
        var stints = incident.RoleHistory.Where(a => a.Role == role).ToList();
        return stints.Count switch
        {
            0 => "_unassigned_",
            1 => MarkdownText.Inline(stints[0].Holder.Mention),
            _ => MarkdownText.Inline(stints[^1].Holder.Mention) + " (before: " + string.Join(", ", stints.SkipLast(1).Select(s => MarkdownText.Inline(s.Holder.Mention))) + ")",
        };
    }

    private string When(DateTimeOffset at) =>
        settings.ShowsLocalTime ? $"{TimeText.Utc(at)} ({TimeText.Local(at, settings.TimeZone)})" : TimeText.Utc(at);

    private static string Span(TimeSpan? span) => span is { } s ? TimeText.Duration(s) : NotReached;

    private static void Row(StringBuilder sb, string label, string value) => sb.Append("| ").Append(label).Append(" | ").Append(value).Append(" |\n");
}
