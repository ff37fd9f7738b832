using System.Globalization;
using System.Text;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Messages;
using ChatOpsBot.Core.Postmortems;
using ChatOpsBot.Core.Reminders;
using ChatOpsBot.Core.Timeline;

namespace ChatOpsBot.Core.Commands.Handling;

/// <summary>
/// The commands that read the timeline back out: the timeline itself, postmortem draft, export, commander briefing.
/// <paramref name="reminders"/> is the status-update cadence, for when the next update is due; null when reminders are off.
/// <paramref name="links"/> makes the links in replies absolute (Web:PublicUrl) or leaves them paths.
/// </summary>
internal sealed class ReportHandler(IncidentReader incidents, PostmortemCompiler postmortems, TimelineExporter exporter, TimeProvider clock,
    PageLinks links, ReminderSettings? reminders)
{
    private const int TimelineReplyLimit = 30;

    // Chat messages have limits (Slack: 40,000 characters, far less is readable); past this the reply links instead.
    private const int InlineExportLimit = 3500;

    public async Task<CommandOutcome> TimelineAsync(Incident incident, CancellationToken cancellationToken)
    {
        var events = (await incidents.ReadTimelineAsync(incident.Number, cancellationToken)).Where(e => !TimelineText.IsBookkeeping(e)).ToList();
        var sb = new StringBuilder($"Timeline of {incident.Key} (UTC):");
        if (events.Count > TimelineReplyLimit)
        {
            sb.Append($"\n… {events.Count - TimelineReplyLimit} earlier entries; read the whole timeline at /incidents/{incident.Number}");
        }

        foreach (var e in events.TakeLast(TimelineReplyLimit))
        {
            // Invariant: under fi-FI ':' became '.', under th-TH the year became 2568.
            sb.Append(CultureInfo.InvariantCulture, $"\n{e.OccurredAt:yyyy-MM-dd HH:mm:ss} {TimelineText.Describe(e)}");
        }

        return CommandOutcome.Reply(sb.ToString(), incident.Number);
    }

    public async Task<CommandOutcome> PostmortemAsync(Incident incident, CancellationToken cancellationToken)
    {
        var draft = postmortems.Compile(await incidents.ReadTimelineAsync(incident.Number, cancellationToken));
        var link = links.PostmortemMarkdown(incident.Number);
        var review = draft.ReviewHits.Count == 0 ? "" : $"⚠️ {draft.ReviewNotice}";
        var head = $"📝 Postmortem draft for {incident.Key} (read it at {links.Postmortem(incident.Number)}, Markdown at {link})" + (review.Length == 0 ? ":" : $"; {review}:");
        var file = PostmortemFile.For(incident, draft);
        var notice = $"📝 Sharing the postmortem draft for {incident.Key} in this channel as {file.FileName}" + (review.Length == 0 ? "" : $"; {review}")
            + $". Read it at {links.Postmortem(incident.Number)} (Markdown: {link}); the incident page: {links.Incident(incident.Number)}";
        return WithAttachment(Fenced(head, draft.Markdown, "markdown", link), incident, new CommandAttachment(file, notice, link));
    }

    public async Task<CommandOutcome> ExportAsync(Incident incident, TimelineFormat format, CancellationToken cancellationToken)
    {
        var events = await incidents.ReadTimelineAsync(incident.Number, cancellationToken);
        var export = exporter.Export(format, incident, events);
        var formatName = format switch { TimelineFormat.Markdown => "md", TimelineFormat.Csv => "csv", _ => "json" };
        var link = links.Timeline(incident.Number, formatName);
        var contents = TimelineExporter.Contents(events, format: format);
        var page = links.Incident(incident.Number);
        var reply = Fenced($"Timeline of {incident.Key} as {formatName.ToUpperInvariant()}: {contents} (download {export.FileName} from {link}; read it at {page}):", export.Content, formatName, link);
        var file = new ChatFile(export.FileName, $"Timeline of {incident.Key} ({formatName.ToUpperInvariant()}): {contents}", export.Content);
        var notice = $"📎 Sharing the timeline of {incident.Key} in this channel as {export.FileName}: {contents}. Download it from {link}; the incident page: {page}";
        return WithAttachment(reply, incident, new CommandAttachment(file, notice, link));
    }

    public async Task<CommandOutcome> BriefAsync(Incident incident, CancellationToken cancellationToken)
    {
        var events = await incidents.ReadTimelineAsync(incident.Number, cancellationToken);
        // A command reply is plain text on every platform, so the briefing names people instead of mentioning them.
        return CommandOutcome.Reply(ChatText.Plain(CommanderBriefing.Build(incident, events, clock.GetUtcNow(), NextUpdateDue(incident)).Text), incident.Number);
    }

    /// <summary>Null without reminder settings (a host without reminders); the briefing then says none is scheduled.</summary>
    private DateTimeOffset? NextUpdateDue(Incident incident) =>
        reminders is null ? null : ReminderPolicy.StatusUpdateDueAt(incident, reminders);

    private static CommandOutcome WithAttachment(string reply, Incident incident, CommandAttachment attachment) =>
        new([new CommandReply(reply)], incident.Number, Attachment: attachment);

    /// <summary>The content in a code block that nothing in it can close, or only the link when it is too long for chat.</summary>
    private static string Fenced(string head, string content, string language, string link)
    {
        if (content.Length > InlineExportLimit)
        {
            return $"{head}\nIt is {content.Length} characters, too long for a chat message; download it: {link}";
        }

        var longestRun = 0;
        var run = 0;
        foreach (var c in content)
        {
            run = c == '`' ? run + 1 : 0;
            longestRun = Math.Max(longestRun, run);
        }

        var fence = new string('`', Math.Max(3, longestRun + 1));
        return new StringBuilder(head).Append('\n').Append(fence).Append(language).Append('\n').Append(content.TrimEnd('\n', '\r')).Append('\n').Append(fence).ToString();
    }
}
