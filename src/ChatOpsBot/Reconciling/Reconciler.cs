using ChatOpsBot.Chat;
using ChatOpsBot.Core.Changes;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Messages;
using ChatOpsBot.Core.Reminders;
using ChatOpsBot.Core.Timeline;
using ChatOpsBot.Observability;
using ChatOpsBot.Workers;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Reconciling;

/// <summary>
/// Does the chat side effects the timeline asks for: open the channel, invite, set the topic,
/// post the kick-off card and keep it current, pin it, announce, post a short message per change, deliver the
/// stakeholder copies of status updates, share the postmortem draft. Level-triggered and idempotent: each pass
/// reads the state, does the first missing step and records it as an event, so a chat outage, a 429 or a
/// restart delays a step but never loses it. Runs on every change, at start-up, and on a periodic sweep.
/// </summary>
public sealed partial class Reconciler(
    IncidentService incidents,
    IIncidentStore store,
    ChatPlatforms platforms,
    StakeholderDelivery delivery,
    ReminderSettings reminders,
    IOptions<ReconcilerOptions> options,
    IncidentMetrics metrics,
    TimeProvider clock,
    ILogger<Reconciler> logger,
    WhatChanged changes,
    PageLinks links,
    TimelineSettings timeline) : IncidentWorker(incidents, clock, logger)
{
    // Bounds one pass over an incident, so a step that keeps "succeeding" without changing state cannot spin.
    private const int MaxStepsPerPass = 16;

    private static readonly EventContext BotContext = new(Actor.Bot, EventSource.Bot);

    private readonly UnpostedEventTail _tail = new();

    private readonly StepLeases _leases = new(store, options.Value.StepLease, clock, logger);

    protected override TimeSpan SweepInterval => options.Value.SweepInterval;

    protected override bool IsNeeded => platforms.Any;

    protected override Task ProcessAsync(int number, CancellationToken cancellationToken) => ReconcileAsync(number, cancellationToken);

    // In a storm, chat calls are rationed (SlackRateLimitHandler): the most severe incidents get their channels first.
    protected override int Priority(int number) => (int)(Incidents.Reader.Cached(number)?.Severity ?? Severity.Sev4);

    /// <summary>One pass: do missing steps until nothing is missing or another replica holds the next one.</summary>
    public async Task ReconcileAsync(int number, CancellationToken cancellationToken)
    {
        // The channel intent this pass recorded itself: no platform call can have been made for it yet, so the
        // channel is opened without looking it up first (a lookup is a rate-limited list call on Slack).
        string? freshIntent = null;
        for (var i = 0; i < MaxStepsPerPass; i++)
        {
            var incident = await Incidents.Reader.GetAsync(number, cancellationToken);
            var unposted = incident.Chat.KickoffMessageId is null ? [] : await UnpostedEventMessagesAsync(incident, cancellationToken);
            if (platforms.For(incident) is not { } platform)
            {
                return; // its channel is on a platform another host runs
            }

            var card = Card(incident);
            var step = ReconcilePlan.Next(incident, PlatformTraits.Of(platform), unposted.Count > 0, IncidentCard.Fingerprint(card));
            if (step == ReconcileStep.None)
            {
                return;
            }

            // Only one replica performs a step. The key is the progress count, not the version, which other
            // commands move meanwhile: replicas that saw different versions still agree on which step is next.
            // The lease is short and renewed while the step runs (StepLease), so if the winner dies half-way
            // another replica (or the restarted one) takes the step over within a lease, not a sweep later.
            var claim = $"reconcile:{number}:{incident.Chat.StepsRecorded}";
            if (!await store.TryClaimAsync(claim, options.Value.StepLease, cancellationToken))
            {
                _leases.RecheckAfterLease(number, Enqueue, cancellationToken);
                return;
            }

            // Renewed until the outcome is recorded: until then the progress count, and so the claim key, stays the same.
            await using (_leases.Renew(claim, cancellationToken))
            {
                IncidentEvent[] done;
                try
                {
                    done = await PerformAsync(step, incident, platform, card, unposted, freshIntent, cancellationToken);
                    if (done is not [ChannelOpening])
                    {
                        // Recording the intent calls no platform.
                        metrics.RecordChatCall(platform.Name, step.ToString(), "ok");
                    }
                }
                catch (Exception ex)
                {
                    metrics.RecordChatCall(platform.Name, step.ToString(), ex is ChatUnavailableException { IsRateLimit: true } ? "ratelimited" : ex is ChatUnavailableException ? "unavailable" : "error");
                    // A failed step is retried on the next pass, not after the lease runs out.
                    await store.ReleaseClaimAsync(claim, CancellationToken.None);
                    throw;
                }

                if (done.Length == 0)
                {
                    return;
                }

                await Incidents.ExecuteAsync(number, _ => Decision.Accept(done), BotContext, cancellationToken);
                freshIntent = done is [ChannelOpening opening] ? opening.Name : null;
            }
        }
    }

    private ChatMessage Card(Incident incident) => IncidentCard.For(incident, ReminderPolicy.StatusUpdateDueAt(incident, reminders), links);

    // The deploys of the look-back window are read only when the card is posted or updated, not on every pass, so
    // the fingerprint that decides "the card is stale" covers the incident's state alone.
    private async Task<ChatMessage> WithRecentChangesAsync(ChatMessage card, Incident incident, CancellationToken cancellationToken) =>
        ChangeMessages.WithRecentChanges(card, incident, await changes.ForAsync(incident, cancellationToken));

    private async Task<IncidentEvent[]> PerformAsync(ReconcileStep step, Incident incident, IChatPlatform platform, ChatMessage card,
        IReadOnlyList<IncidentEvent> unposted, string? freshIntent, CancellationToken cancellationToken)
    {
        switch (step)
        {
            case ReconcileStep.OpenChannel when incident.Chat.PendingChannelName is null:
                // The intent first, with the exact name: whatever crashes after this, the next attempt knows what to look for.
                return [new ChannelOpening(ChannelNames.ForIncident(incident.Number, incident.Title))];

            case ReconcileStep.OpenChannel:
                // An intent from an earlier attempt (a crash, a failed or timed-out create) may have a channel
                // already: look it up by the name the intent recorded and adopt it if it is this incident's.
                var channel = (incident.Chat.PendingChannelName == freshIntent ? null
                        : await platform.FindIncidentChannelAsync(incident.Chat.PendingChannelName, incident.Number, cancellationToken))
                    ?? await platform.OpenIncidentChannelAsync(incident.Number, incident.Title, incident.IsPrivate, cancellationToken);
                LogChannelOpened(logger, incident.Number, channel.Name ?? channel.Id);
                return [new ChannelOpened(channel)];

            case ReconcileStep.Invite:
                var members = ReconcilePlan.MissingMembers(incident, PlatformTraits.Of(platform));
                await platform.InviteAsync(incident.Channel!, members, cancellationToken);
                return [new MembersInvited(members)];

            case ReconcileStep.SetTopic:
                var topic = IncidentMessages.Topic(incident);
                await platform.SetTopicAsync(incident.Channel!, topic, cancellationToken);
                return [new TopicSet(topic)];

            case ReconcileStep.SetPurpose:
                var purpose = IncidentMessages.Purpose(incident);
                await platform.SetPurposeAsync(incident.Channel!, purpose, cancellationToken);
                return [new PurposeSet(purpose)];

            case ReconcileStep.PostKickoff:
                var kickoff = await platform.PostAsync(incident.Channel!, await WithRecentChangesAsync(card, incident, cancellationToken), cancellationToken);
                // The kick-off shows the state so far, so the changes before it need no messages of their own;
                // but it shows no status update or page, so one from before the channel existed is still to be delivered.
                return [new KickoffPosted(kickoff, IncidentCard.Fingerprint(card)), new ChannelMessagesPosted(await CoveredByKickoffAsync(incident, cancellationToken))];

            case ReconcileStep.PinKickoff:
                await platform.PinAsync(incident.Channel!, incident.Chat.KickoffMessageId!, cancellationToken);
                return [new KickoffPinned(incident.Chat.KickoffMessageId!)];

            case ReconcileStep.UpdateKickoff:
                await platform.UpdateAsync(incident.Channel!, incident.Chat.KickoffMessageId!, await WithRecentChangesAsync(card, incident, cancellationToken), cancellationToken);
                return [new KickoffUpdated(incident.Chat.KickoffMessageId!, IncidentCard.Fingerprint(card))];

            case ReconcileStep.DeliverStakeholderCopy:
                return [await delivery.DeliverCopyAsync(platform, incident, ReconcilePlan.NextStakeholderCopy(incident)!, cancellationToken)];

            case ReconcileStep.Announce:
                var stakeholderChannel = platform.StakeholderChannelFor(incident.Severity);
                var stakeholders = await platform.FindChannelAsync(stakeholderChannel, cancellationToken);
                if (stakeholders is null)
                {
                    // Recorded, so that the steps after it are not held up by a missing channel.
                    LogNoStakeholderChannel(logger, stakeholderChannel, platform.Name);
                    return [new Announced(null, null)];
                }

                var announcement = await platform.PostAsync(stakeholders, IncidentMessages.Announcement(incident, links), cancellationToken);
                return [new Announced(stakeholders, announcement)];

            case ReconcileStep.PostEventMessages:
                var through = incident.Chat.MessagesPostedThrough;
                foreach (var e in unposted)
                {
                    try
                    {
                        await platform.PostAsync(incident.Channel!, IncidentMessages.ForEvent(e, incident, timeline)!, cancellationToken);
                    }
                    catch (Exception ex) when (through > incident.Chat.MessagesPostedThrough && ex is not OperationCanceledException)
                    {
                        // Record what was posted so a retry does not post it twice; the sweep posts the rest.
                        LogStepFailed(logger, ex, incident.Number);
                        break;
                    }

                    through = e.Version;
                    await delivery.AfterChannelMessageAsync(platform, incident, e, cancellationToken);
                }

                return [new ChannelMessagesPosted(through)];

            case ReconcileStep.PostPostmortemDraft:
                return [await delivery.PostPostmortemDraftAsync(platform, incident, cancellationToken)];

            default:
                return [];
        }
    }

    private async Task<long> CoveredByKickoffAsync(Incident incident, CancellationToken cancellationToken)
    {
        // Read once per incident, at kick-off, when its timeline is still short.
        var firstUnshown = (await store.ReadAsync(incident.Number, incident.Chat.MessagesPostedThrough, cancellationToken)).FirstOrDefault(NotOnKickoff);
        return firstUnshown is null || firstUnshown.Version > incident.Version ? incident.Version : firstUnshown.Version - 1;
    }

    // What the kick-off card does not show, so it still earns its own message when it happened before the card.
    private static bool NotOnKickoff(IncidentEvent e) =>
        e is StatusUpdatePosted or Paged or PageFailed or PageAcknowledged or StatusPageIncidentCreated or StatusPageFailed
            or ActionItemExported or ActionItemExportFailed or ActionItemClosedInTracker;

    private async Task<IReadOnlyList<IncidentEvent>> UnpostedEventMessagesAsync(Incident incident, CancellationToken cancellationToken)
    {
        // Most events (notes, captured messages, reminders) earn no channel message, so MessagesPostedThrough can lag
        // far behind: the events this replica appended are looked at in memory, and only a gap is read from the store.
        var from = incident.Chat.MessagesPostedThrough;
        if (from >= incident.Version)
        {
            return [];
        }

        if (_tail.TryGet(incident.Number, from, incident.Version, out var unposted))
        {
            return unposted;
        }

        var newer = await store.ReadAsync(incident.Number, from, cancellationToken);
        _tail.Read(incident.Number, from, newer);
        return [.. newer.Where(e => IncidentMessages.ForEvent(e) is not null)];
    }

    protected override void OnChanged(Incident incident, IReadOnlyList<IncidentEvent> appended)
    {
        _tail.Appended(incident.Number, appended);
        base.OnChanged(incident, appended);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Opened channel {Channel} for INC-{IncidentNumber}")]
    private static partial void LogChannelOpened(ILogger logger, int incidentNumber, string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chat step for INC-{IncidentNumber} failed; it will be retried")]
    private static partial void LogStepFailed(ILogger logger, Exception exception, int incidentNumber);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stakeholder channel {Channel} does not exist on {Platform}; not announcing")]
    private static partial void LogNoStakeholderChannel(ILogger logger, string channel, string platform);
}
