using System.Collections.Concurrent;
using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Reconciling;

/// <summary>
/// The reconciler's step claims as short leases. A live holder renews its lease every third of it while the step
/// runs, however long the platform takes; a dead one (a crash, SIGKILL) stops renewing, so its lease runs out within
/// one lease time and the step can be taken over then, instead of a long fixed claim blocking it. A replica that
/// found the step held looks again once a lease has passed, rather than waiting for the next sweep.
/// </summary>
public sealed partial class StepLeases(IIncidentStore store, TimeSpan lease, TimeProvider clock, ILogger logger)
{
    private readonly ConcurrentDictionary<int, byte> _rechecks = new();

    /// <summary>Keeps <paramref name="claim"/> alive until the returned handle is disposed (when the step is over).</summary>
    public IAsyncDisposable Renew(string claim, CancellationToken cancellationToken)
    {
        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        return new Renewal(stop, RenewUntilStoppedAsync(claim, stop.Token));
    }

    /// <summary>Asks for another pass over the incident once the lease another holder has may have run out.</summary>
    public void RecheckAfterLease(int number, Action<int> enqueue, CancellationToken cancellationToken)
    {
        if (_rechecks.TryAdd(number, 0))
        {
            _ = RecheckAsync(number, enqueue, cancellationToken);
        }
    }

    private async Task RecheckAsync(int number, Action<int> enqueue, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(lease, clock, cancellationToken);
            _rechecks.TryRemove(number, out _);
            enqueue(number);
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    private async Task RenewUntilStoppedAsync(string claim, CancellationToken stopped)
    {
        using var timer = new PeriodicTimer(lease / 3, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stopped))
            {
                try
                {
                    if (!await store.RenewClaimAsync(claim, lease, stopped))
                    {
                        // Held past its lease (the store stalled longer than a lease): another replica may take the
                        // step over and repeat it. Nothing here can stop a platform call already sent.
                        LogLeaseLost(logger, claim);
                        return;
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The store is slow or away: try again at the next tick, while the lease may still be alive.
                    LogRenewFailed(logger, ex, claim);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The step is over.
        }
    }

    private sealed class Renewal(CancellationTokenSource stop, Task renewing) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            await renewing;
            stop.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciler lease {Claim} ran out while its step was still running")]
    private static partial void LogLeaseLost(ILogger logger, string claim);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew reconciler lease {Claim}; trying again")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception, string claim);
}
