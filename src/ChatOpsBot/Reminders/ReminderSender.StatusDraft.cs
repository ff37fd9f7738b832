using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Messages;

namespace ChatOpsBot.Reminders;

/// <summary>
/// With the AI co-pilot on, an update reminder comes with a draft of the update, sent to the commander alone. It
/// is never posted for them: only `/incident update` posts, so a person reads and owns every update.
/// </summary>
public sealed partial class ReminderSender
{
    private async Task OfferStatusUpdateDraftAsync(Incident incident, IChatPlatform platform, CancellationToken cancellationToken)
    {
        if (incident.Commander is not { } commander || commander.Id == Actor.Bot.Id || !copilot.MaySend(incident))
        {
            return;
        }

        try
        {
            var events = await incidents.Reader.ReadTimelineAsync(incident.Number, cancellationToken);
            if (await copilot.DraftStatusUpdateAsync(incident, events, cancellationToken) is not { } draft)
            {
                return;
            }

            var text = $"🤖 AI-written draft of the next status update for {incident.Key}, from the timeline only. Not posted: edit it and post it yourself with `/incident update <text>`.\n\n{draft}";
            await platform.SendDirectMessageAsync(commander.Id, new ChatMessage(text)
            {
                Title = $"🤖 Draft update · {incident.Key}",
                Fields = [new("Draft (AI-written, not posted)", draft)],
                Context = "Post with /incident update <text>. Nothing is posted without you.",
            }, cancellationToken);
            LogDraftOffered(logger, incident.Number);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The reminder itself is posted and recorded; a missing draft costs the commander nothing they rely on.
            LogDraftFailed(logger, ex, incident.Number);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Offered an AI status-update draft to the commander of INC-{IncidentNumber}")]
    private static partial void LogDraftOffered(ILogger logger, int incidentNumber);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Offering an AI status-update draft for INC-{IncidentNumber} failed")]
    private static partial void LogDraftFailed(ILogger logger, Exception exception, int incidentNumber);
}
