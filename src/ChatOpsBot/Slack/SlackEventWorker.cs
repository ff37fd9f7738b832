using System.Threading.Channels;
using ChatOpsBot.Core.Incidents;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Slack;

public sealed record QueuedSlackEvent(string EventId, SlackEvent Event, string? BotUserId);

/// <summary>
/// Handles Slack events after they were acknowledged: timeline capture from pins and reactions, edits and
/// deletions of captured messages, people joining. A transient Slack failure is retried a few times; the
/// domain verbs make a second try harmless. Events from the bot itself are ignored, so its posts cannot loop.
/// </summary>
public sealed partial class SlackEventWorker(SlackTimelineCapture capture, IIncidentStore store, IOptions<SlackOptions> options, ILogger<SlackEventWorker> logger)
    : BackgroundService
{
    private const int MaxAttempts = 3;

    private readonly Channel<QueuedSlackEvent> _queue = Channel.CreateUnbounded<QueuedSlackEvent>(new UnboundedChannelOptions { SingleReader = true });

    private long _pending; // queued or being handled

    /// <summary>Every event enqueued so far has been handled (or given up on). Tests wait for it before asserting that nothing happened.</summary>
    public bool IsDrained => Interlocked.Read(ref _pending) == 0;

    public void Enqueue(QueuedSlackEvent e)
    {
        Interlocked.Increment(ref _pending);
        if (!_queue.Writer.TryWrite(e))
        {
            Interlocked.Decrement(ref _pending);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var queued in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            await HandleWithRetriesAsync(queued, stoppingToken);
            Interlocked.Decrement(ref _pending);
        }
    }

    private async Task HandleWithRetriesAsync(QueuedSlackEvent queued, CancellationToken stoppingToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await HandleAsync(queued.Event, queued.BotUserId, stoppingToken);
                break;
            }
            catch (Exception ex) when (ex.IsSlackFailure() && attempt < MaxAttempts)
            {
                LogRetrying(logger, queued.EventId, attempt);
                await Task.Delay(options.Value.RetryDelay * attempt, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Give the event id back, so Slack's own retry of this delivery is handled rather than dropped.
                LogFailed(logger, ex, queued.EventId, queued.Event.Type ?? "?");
                await store.ReleaseClaimAsync(SlackEventsEndpoint.ClaimKey(queued.EventId), CancellationToken.None);
                break;
            }
        }
    }

    public async Task HandleAsync(SlackEvent e, string? botUserId, CancellationToken cancellationToken)
    {
        if (e.User is not null && e.User == botUserId)
        {
            return;
        }

        switch (e)
        {
            case { Type: "pin_added", Item: { Type: "message" } item, User: { } user }:
                Report(await capture.CaptureAsync(e.ChannelId ?? item.Channel ?? "", item.Message, item.Message?.Ts ?? item.Ts, user,
                    EventSource.PinnedMessage, cancellationToken));
                break;

            case { Type: "reaction_added", Item: { Type: "message", Channel: { } channel, Ts: { } ts }, User: { } user }
                when e.Reaction == options.Value.TimelineReaction:
                Report(await capture.CaptureAsync(channel, null, ts, user, EventSource.Reaction, cancellationToken));
                break;

            case { Type: "message", Subtype: "message_changed", Channel: { } channel, Message: { } edited } when edited.BotId is null:
                await capture.FollowEditAsync(channel, edited, edited.User, e.EventTs, cancellationToken);
                break;

            case { Type: "message", Subtype: "message_deleted", Channel: { } channel, DeletedTs: { } deleted }:
                await capture.FollowDeleteAsync(channel, deleted, e.EventTs, cancellationToken);
                break;

            case { Type: "member_joined_channel", Channel: { } channel, User: { } user }:
                await capture.RecordJoinAsync(channel, user, e.EventTs, cancellationToken);
                break;
        }
    }

    private void Report(CommandResult? result)
    {
        if (result is { Refusal: { } refusal })
        {
            LogNotCaptured(logger, result.Incident.Number, refusal);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack event {EventId} failed on attempt {Attempt}; retrying")]
    private static partial void LogRetrying(ILogger logger, string eventId, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack event {EventId} ({EventType}) could not be handled")]
    private static partial void LogFailed(ILogger logger, Exception exception, string eventId, string eventType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Message not captured on INC-{IncidentNumber}: {Reason}")]
    private static partial void LogNotCaptured(ILogger logger, int incidentNumber, string reason);
}
