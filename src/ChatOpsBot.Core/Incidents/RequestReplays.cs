namespace ChatOpsBot.Core.Incidents;

/// <summary>
/// Commands with a request key are recorded once: the store refuses a key it has seen, and the second caller gets
/// the first one's result, rebuilt from the timeline (the state right after those events, and the events).
/// <see cref="IncidentService"/> asks here whenever a key may have been seen before.
/// </summary>
internal sealed class RequestReplays(IIncidentStore store, IncidentReader reader)
{
    /// <summary>What became of the request with <paramref name="requestKey"/>; see <see cref="IncidentService.FindOutcomeAsync"/>.</summary>
    public async Task<CommandResult?> FindOutcomeAsync(string requestKey, CancellationToken cancellationToken) =>
        await store.FindRequestAsync(requestKey, cancellationToken) is { } recorded ? await ReplayAsync(recorded, cancellationToken) : null;

    public async Task<CommandResult> ReplayAsync(RecordedRequest recorded, CancellationToken cancellationToken)
    {
        var timeline = await store.ReadAsync(recorded.IncidentNumber, 0, cancellationToken);
        var upTo = timeline.Where(e => e.Version <= recorded.LastVersion).ToList();
        var state = upTo.Aggregate(Incident.None, (s, e) => s.Apply(e));
        var mine = upTo.Where(e => e.Version >= recorded.FirstVersion).ToList();
        // Catch the cache up too, so the next command on this replica does not start from an older state.
        await reader.GetAsync(recorded.IncidentNumber, cancellationToken);
        return new CommandResult(state, mine, null, null) { IsReplay = true };
    }

    /// <summary>
    /// A replay that arrives while its original is still queued in the same batch waits for the original and gets
    /// its result, instead of being decided (and refused by the store) on its own.
    /// </summary>
    public static List<PendingCommand> CollapseRepeatedKeys(List<PendingCommand> batch)
    {
        var firsts = new Dictionary<string, PendingCommand>(StringComparer.Ordinal);
        var kept = new List<PendingCommand>(batch.Count);
        foreach (var command in batch)
        {
            if (command.Context.RequestKey is { } key && firsts.TryGetValue(key, out var original))
            {
                _ = original.Done.Task.ContinueWith(t =>
                {
                    if (t.IsCompletedSuccessfully)
                    {
                        command.Done.TrySetResult(t.Result with { IsReplay = true });
                    }
                    else
                    {
                        command.Done.TrySetException(t.Exception?.InnerExceptions ?? [new OperationCanceledException()]);
                    }
                }, TaskScheduler.Default);
                continue;
            }

            if (command.Context.RequestKey is { } firstKey)
            {
                firsts[firstKey] = command;
            }

            kept.Add(command);
        }

        return kept;
    }

    /// <summary>Completes every command whose key the store already has with that earlier result; true if any was.</summary>
    public async Task<bool> CompleteReplaysAsync(List<PendingCommand> batch, IReadOnlyList<RecordedRequest> recorded)
    {
        foreach (var request in recorded)
        {
            var result = await ReplayAsync(request, CancellationToken.None);
            batch.Where(c => c.Context.RequestKey == request.Key).ToList().ForEach(c => c.Done.TrySetResult(result));
        }

        return batch.RemoveAll(c => c.Done.Task.IsCompleted) > 0;
    }

    /// <summary>
    /// A replayed command may now be refused or a no-op (the incident it resolved is resolved): before answering so,
    /// ask the store whether the key was recorded, and if it was, answer what the first one did.
    /// </summary>
    public async Task<bool> CompleteReplayedRefusalsAsync(List<PendingCommand> batch, List<DecidedCommand> decided)
    {
        var recorded = new List<RecordedRequest>();
        foreach (var d in decided.Where(d => (d.Decision.IsRefused || d.Events.Length == 0) && d.Command.Context.RequestKey is not null))
        {
            if (await store.FindRequestAsync(d.Command.Context.RequestKey!, CancellationToken.None) is { } found)
            {
                recorded.Add(found);
            }
        }

        return recorded.Count > 0 && await CompleteReplaysAsync(batch, recorded);
    }
}
