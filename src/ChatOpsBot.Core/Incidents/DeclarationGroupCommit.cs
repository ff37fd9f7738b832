using System.Collections.Concurrent;

namespace ChatOpsBot.Core.Incidents;

/// <summary>
/// Declaring for <see cref="IncidentService"/>: new incidents queue, and whoever holds the declaration gate sends every
/// declaration queued so far in one store call (group commit across new incidents), so a burst of declarations costs
/// one round trip per batch instead of one each. Each declaration still gets its own number, request key check and result.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
    Justification = "A SemaphoreSlim holds nothing to dispose unless its AvailableWaitHandle is used, which this one never is; IncidentService's per-incident gates are not disposed either.")]
internal sealed class DeclarationGroupCommit(IIncidentStore store)
{
    // A bound on one call's size, so a huge burst is a few calls rather than one unboundedly large script.
    private const int MaxDeclarationsPerCall = 64;

    private readonly SemaphoreSlim _declarationGate = new(1, 1);
    private readonly ConcurrentQueue<PendingDeclaration> _declarations = new();

    /// <summary>Appends one new incident's first events (numbered 0), in the next call to the store.</summary>
    public async Task<AppendResult> AppendAsync(IncidentEvent[] events)
    {
        var declaration = new PendingDeclaration(events);
        _declarations.Enqueue(declaration);
        // Not a caller's token: once queued, a declaration may be sent by someone else's call at any moment.
        await _declarationGate.WaitAsync(CancellationToken.None);
        try
        {
            if (!declaration.Done.Task.IsCompleted)
            {
                var batch = new List<PendingDeclaration>();
                while (batch.Count < MaxDeclarationsPerCall && _declarations.TryDequeue(out var next))
                {
                    batch.Add(next);
                }

                try
                {
                    var results = await AppendNewIncidentsOrUnknownAsync([.. batch.Select(d => (IReadOnlyList<IncidentEvent>)d.Events)]);
                    for (var i = 0; i < batch.Count; i++)
                    {
                        batch[i].Done.TrySetResult(results[i]);
                    }
                }
                catch (Exception ex)
                {
                    batch.ForEach(d => d.Done.TrySetException(ex));
                }
            }
        }
        finally
        {
            _declarationGate.Release();
        }

        return await declaration.Done.Task;
    }

    private async Task<IReadOnlyList<AppendResult>> AppendNewIncidentsOrUnknownAsync(IReadOnlyList<IReadOnlyList<IncidentEvent>> declarations)
    {
        try
        {
            return await store.AppendNewIncidentsAsync(declarations, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not InvalidOperationException and not ArgumentException)
        {
            throw new StoreOutcomeUnknownException(null, ex);
        }
    }

    private sealed record PendingDeclaration(IncidentEvent[] Events)
    {
        // Completed by whichever caller sends the batch; continuations run off that caller's thread.
        public TaskCompletionSource<AppendResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
