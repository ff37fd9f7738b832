using System.Collections.Concurrent;
using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Workers;

/// <summary>
/// An <see cref="IncidentWorker"/> that keeps an outside provider (a pager, a tracker, a status page) in step with
/// the timeline one step at a time. Each step is claimed, so one replica performs it, and recorded on the timeline
/// when done, so it is done once. A <typeparamref name="TProviderException"/> releases the claim, is recorded on the
/// timeline (the channel hears about it) and backs the incident off until the sweep, every <see cref="RetryInterval"/>.
/// </summary>
public abstract partial class ProviderWorker<TProviderException>(IncidentService incidents, IIncidentStore store, TimeProvider clock, ILogger logger)
    : IncidentWorker(incidents, clock, logger)
    where TProviderException : Exception
{
    private static readonly TimeSpan StepLease = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<int, DateTimeOffset> _failedAt = new();

    protected enum StepOutcome
    {
        /// <summary>Another replica holds the step's claim: it is doing this incident's steps.</summary>
        HeldElsewhere,

        /// <summary>The provider failed; the failure is on the timeline and the step is retried later.</summary>
        Failed,

        /// <summary>Performed and recorded on the timeline.</summary>
        Recorded,
    }

    protected static EventContext BotContext { get; } = new(Actor.Bot, EventSource.Bot);

    /// <summary>How long a failed incident is left before the provider is tried again; the sweep runs this often.</summary>
    protected abstract TimeSpan RetryInterval { get; }

    protected sealed override TimeSpan SweepInterval => RetryInterval;

    /// <summary>
    /// True for a while after a failure: changes to the incident (chat steps, notes) do not each retry the provider;
    /// the sweep does.
    /// </summary>
    protected bool IsBackingOff(int number) =>
        _failedAt.TryGetValue(number, out var failed) && Clock.GetUtcNow() - failed < RetryInterval / 2;

    /// <summary>Nothing is left to do for the incident: a later failure backs off afresh.</summary>
    protected void CaughtUp(int number) => _failedAt.TryRemove(number, out _);

    /// <summary>
    /// Claims <paramref name="claim"/>, runs <paramref name="perform"/> against the provider and appends the decision
    /// it returns; or, when the provider fails, appends <paramref name="recordFailure"/>'s decision instead.
    /// </summary>
    /// <returns>What happened, and the incident after the record when the step was recorded.</returns>
    protected async Task<(StepOutcome Outcome, Incident? Incident)> PerformClaimedAsync(
        int number,
        string claim,
        Func<Task<Func<Incident, Decision>>> perform,
        Func<TProviderException, Func<Incident, Decision>> recordFailure,
        CancellationToken cancellationToken)
    {
        if (!await store.TryClaimAsync(claim, StepLease, cancellationToken))
        {
            return (StepOutcome.HeldElsewhere, null);
        }

        Func<Incident, Decision> record;
        try
        {
            record = await perform();
        }
        catch (TProviderException ex)
        {
            await store.ReleaseClaimAsync(claim, CancellationToken.None);
            _failedAt[number] = Clock.GetUtcNow();
            LogStepFailed(Logger, GetType().Name, claim, number, ex.Message);
            await Incidents.ExecuteAsync(number, recordFailure(ex), BotContext, cancellationToken);
            return (StepOutcome.Failed, null);
        }

        return (StepOutcome.Recorded, (await Incidents.ExecuteAsync(number, record, BotContext, cancellationToken)).Incident);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Worker} step {Step} for INC-{IncidentNumber} failed: {Reason}; it will be retried")]
    private static partial void LogStepFailed(ILogger logger, string worker, string step, int incidentNumber, string reason);
}
