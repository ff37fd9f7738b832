using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Slack;

/// <summary>
/// Puts Slack messages on an incident's timeline (pins, the timeline reaction, the message shortcut) and follows
/// their edits and deletions. The domain verbs decide; this only fetches what Slack did not send along.
/// </summary>
public sealed partial class SlackTimelineCapture(IncidentService incidents, ISlackApi slack, SlackUsers users, ILogger<SlackTimelineCapture> logger)
{
    /// <summary>Null when the channel is not an incident channel; otherwise what the domain decided.</summary>
    public async Task<CommandResult?> CaptureAsync(string channelId, SlackMessage? message, string? messageTs, string capturedBy,
        EventSource source, CancellationToken cancellationToken)
    {
        var incident = await incidents.Reader.FindByChannelAsync(SlackChatPlatform.Channel(channelId), cancellationToken);
        if (incident is null)
        {
            return null;
        }

        var ts = message?.Ts ?? messageTs;
        if (ts is null)
        {
            return CommandResult.Refused("That event names no message.", incident);
        }

        if (incident.CapturedMessages.ContainsKey(ts))
        {
            // Pinned and reacted to: no need to ask Slack for a message that is already on the timeline.
            return new CommandResult(incident, [], null, "already captured");
        }

        // Reactions carry only the message's ts; pins usually carry the whole message.
        message = message?.Text is not null || message?.Files is { Count: > 0 } ? message : await FetchAsync(channelId, ts, cancellationToken);
        if (message is null)
        {
            return CommandResult.Refused("That message could not be found.", incident);
        }

        var author = message.User is null ? new Actor(message.BotId ?? "unknown") : await users.GetAsync(message.User, cancellationToken);
        var capturer = await users.GetAsync(capturedBy, cancellationToken);
        var permalink = await PermalinkAsync(channelId, ts, cancellationToken);
        var files = message.Files?.Select(f => new CapturedFile(f.Name ?? f.Title ?? "file", f.Permalink)).ToList();
        var thread = message.ThreadTs is { } t && t != ts ? t : null;
        return await incidents.ExecuteAsync(incident.Number,
            i => i.CaptureMessage(ts, author, SlackText.Unescape(message.Text ?? ""), permalink, files, thread),
            new EventContext(capturer, source, SlackTs.ToTime(ts)), cancellationToken);
    }

    public async Task FollowEditAsync(string channelId, SlackMessage edited, string? editedBy, string? eventTs, CancellationToken cancellationToken)
    {
        var incident = await incidents.Reader.FindByChannelAsync(SlackChatPlatform.Channel(channelId), cancellationToken);
        if (incident is null || !incident.CapturedMessages.ContainsKey(edited.Ts))
        {
            return;
        }

        var actor = await users.GetAsync(editedBy ?? edited.User ?? "unknown", cancellationToken);
        await incidents.ExecuteAsync(incident.Number, i => i.EditCapturedMessage(edited.Ts, SlackText.Unescape(edited.Text ?? "")),
            new EventContext(actor, EventSource.ChannelActivity, SlackTs.ToTime(eventTs)), cancellationToken);
    }

    public async Task FollowDeleteAsync(string channelId, string deletedTs, string? eventTs, CancellationToken cancellationToken)
    {
        var incident = await incidents.Reader.FindByChannelAsync(SlackChatPlatform.Channel(channelId), cancellationToken);
        if (incident is null || !incident.CapturedMessages.ContainsKey(deletedTs))
        {
            return;
        }

        // Slack does not say who deleted a message; the timeline says so rather than guess.
        await incidents.ExecuteAsync(incident.Number, i => i.DeleteCapturedMessage(deletedTs),
            new EventContext(new Actor("slack", "Slack"), EventSource.ChannelActivity, SlackTs.ToTime(eventTs)), cancellationToken);
    }

    public async Task RecordJoinAsync(string channelId, string userId, string? eventTs, CancellationToken cancellationToken)
    {
        var incident = await incidents.Reader.FindByChannelAsync(SlackChatPlatform.Channel(channelId), cancellationToken);
        if (incident is null)
        {
            return;
        }

        var participant = await users.GetAsync(userId, cancellationToken);
        await incidents.ExecuteAsync(incident.Number, i => i.RecordParticipant(participant),
            new EventContext(participant, EventSource.ChannelActivity, SlackTs.ToTime(eventTs)), cancellationToken);
    }

    private async Task<SlackMessage?> FetchAsync(string channelId, string ts, CancellationToken cancellationToken)
    {
        // history finds channel messages; a thread reply is only found through replies.
        var history = await slack.HistoryAsync(channelId, ts, ts, inclusive: true, limit: 1, cancellationToken);
        var found = history.Messages?.FirstOrDefault(m => m.Ts == ts);
        if (found is not null)
        {
            return found;
        }

        var replies = await slack.RepliesAsync(channelId, ts, ts, ts, inclusive: true, limit: 1, cancellationToken);
        return replies.Messages?.FirstOrDefault(m => m.Ts == ts);
    }

    private async Task<string?> PermalinkAsync(string channelId, string ts, CancellationToken cancellationToken)
    {
        try
        {
            return (await slack.GetPermalinkAsync(channelId, ts, cancellationToken)).Permalink;
        }
        catch (Exception ex) when (ex.IsSlackFailure())
        {
            // A link is a convenience; the capture does not wait for it.
            LogNoPermalink(logger, channelId, ex.SlackError() ?? ex.GetType().Name);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "No permalink for a message in {ChannelId}: {Error}")]
    private static partial void LogNoPermalink(ILogger logger, string channelId, string error);
}
