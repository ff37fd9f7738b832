using System.Text;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Messages;
using ChatOpsBot.Core.Postmortems;
using ChatOpsBot.Core.Reminders;
using ChatOpsBot.Core.Timeline;

namespace ChatOpsBot.Core.Commands;

/// <summary>The commands that read the timeline back out: postmortem draft, export, commander briefing.</summary>
public sealed partial class CommandHandler
{
    // Chat messages have limits (Slack: 40,000 characters, far less is readable); past this the reply links instead.
    private const int InlineExportLimit = 3500;

    private readonly PostmortemCompiler _postmortems = postmortems ?? new PostmortemCompiler(TimelineSettings.Utc, BlamelessReview.Default);
    private readonly TimelineExporter _exporter = exporter ?? new TimelineExporter(TimelineSettings.Utc);
    // Without its own clock the handler reads the incident service's, so replies and events agree on "now".
    private readonly TimeProvider _clock = clock ?? incidents.Clock;
    private readonly PageLinks _links = links ?? PageLinks.Relative;

    private async Task<CommandOutcome> PostmortemReplyAsync(Incident incident, CancellationToken cancellationToken)
    {
        var draft = _postmortems.Compile(await incidents.ReadTimelineAsync(incident.Number, cancellationToken));
        var link = _links.PostmortemMarkdown(incident.Number);
        var review = draft.ReviewHits.Count == 0 ? "" : $"⚠️ {draft.ReviewNotice}";
        var head = $"📝 Postmortem draft for {incident.Key} (read it at {_links.Postmortem(incident.Number)}, Markdown at {link})" + (review.Length == 0 ? ":" : $"; {review}:");
        var file = PostmortemFile.For(incident, draft);
        var notice = $"📝 Sharing the postmortem draft for {incident.Key} in this channel as {file.FileName}" + (review.Length == 0 ? "" : $"; {review}")
            + $". Read it at {_links.Postmortem(incident.Number)} (Markdown: {link}); the incident page: {_links.Incident(incident.Number)}";
        return WithAttachment(Fenced(head, draft.Markdown, "markdown", link), incident, new CommandAttachment(file, notice, link));
    }

    private async Task<CommandOutcome> ExportReplyAsync(Incident incident, TimelineFormat format, CancellationToken cancellationToken)
    {
        var events = await incidents.ReadTimelineAsync(incident.Number, cancellationToken);
        var export = _exporter.Export(format, incident, events);
        var formatName = format switch { TimelineFormat.Markdown => "md", TimelineFormat.Csv => "csv", _ => "json" };
        var link = _links.Timeline(incident.Number, formatName);
        var contents = TimelineExporter.Contents(events, format: format);
        var page = _links.Incident(incident.Number);
        var reply = Fenced($"Timeline of {incident.Key} as {formatName.ToUpperInvariant()}: {contents} (download {export.FileName} from {link}; read it at {page}):", export.Content, formatName, link);
        var file = new ChatFile(export.FileName, $"Timeline of {incident.Key} ({formatName.ToUpperInvariant()}): {contents}", export.Content);
        var notice = $"📎 Sharing the timeline of {incident.Key} in this channel as {export.FileName}: {contents}. Download it from {link}; the incident page: {page}";
        return WithAttachment(reply, incident, new CommandAttachment(file, notice, link));
    }

    private async Task<string> BriefReplyAsync(Incident incident, CancellationToken cancellationToken)
    {
        var events = await incidents.ReadTimelineAsync(incident.Number, cancellationToken);
        // A command reply is plain text on every platform, so the briefing names people instead of mentioning them.
        return ChatText.Plain(CommanderBriefing.Build(incident, events, _clock.GetUtcNow(), NextUpdateDue(incident)).Text);
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
