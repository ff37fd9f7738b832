using System.Collections.Concurrent;

namespace ChatOpsBot.Core.Incidents;

/// <summary>
/// Writing to one incident: commands queue per incident, and whoever holds the incident's gate commits every command
/// queued so far in one append (group commit). Under a burst (everyone typing into the same incident during an alert
/// storm) that is one round trip to the store for many commands instead of one each, and every command is still
/// decided in order on the state its predecessors left.
/// </summary>
public sealed partial class IncidentService
{
    // Another replica may win the race each time; past this many lost races something is badly wrong.
    private const int MaxAttempts = 64;

    private readonly ConcurrentDictionary<int, SemaphoreSlim> _gates = new();
    private readonly ConcurrentDictionary<int, ConcurrentQueue<PendingCommand>> _pending = new();

    /// <summary>Applies a domain verb to the incident's latest state, retrying when another writer got there first.</summary>
    public async Task<CommandResult> ExecuteAsync(int number, Func<Incident, Decision> verb, EventContext context, CancellationToken cancellationToken)
    {
        var command = new PendingCommand(verb, context);
        var queue = _pending.GetOrAdd(number, _ => new ConcurrentQueue<PendingCommand>());
        queue.Enqueue(command);
        var gate = _gates.GetOrAdd(number, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (!command.Done.Task.IsCompleted)
            {
                var batch = new List<PendingCommand>();
                while (queue.TryDequeue(out var next))
                {
                    batch.Add(next);
                }

                // Not the caller's token: the batch holds other people's commands, which must not fail with this one's request.
                await CommitAsync(number, batch);
            }
        }
        finally
        {
            gate.Release();
        }

        return await command.Done.Task;
    }

    private async Task CommitAsync(int number, List<PendingCommand> batch)
    {
        batch = CollapseRepeatedKeys(batch);
        try
        {
            for (var attempt = 0; attempt < MaxAttempts; attempt++)
            {
                // First try on the cached state without reading: when this replica is the only writer (the usual case)
                // that saves a round trip, and if it is stale the version check refuses the append and the next attempt
                // reads. Refusals and no-ops are only trusted when decided on the store's latest state.
                Incident? cached = null;
                var fromCache = attempt == 0 && _states.TryGetValue(number, out cached);
                var start = fromCache ? cached! : await RefreshAsync(number, CancellationToken.None, force: true);
                if (!start.Exists)
                {
                    batch.ForEach(c => c.Done.TrySetResult(CommandResult.Refused($"There is no {Incident.FormatKey(number)}.")));
                    return;
                }

                var decided = Decide(start, batch, number);
                if (fromCache && decided.Any(d => d.Decision.IsRefused || d.Decision.Events.Count == 0))
                {
                    continue;
                }

                if (await CompleteReplayedRefusalsAsync(batch, decided))
                {
                    if (batch.Count == 0)
                    {
                        return;
                    }

                    continue;
                }

                var events = decided.SelectMany(d => d.Events).ToList();
                if (events.Count == 0)
                {
                    Complete(start, decided, []);
                    return;
                }

                var epoch = CurrentEpoch;
                Appending(number, start.Version + events.Count);
                try
                {
                    var result = await AppendOrUnknownAsync(number, start.Version, events);
                    if (result.Duplicates.Count > 0)
                    {
                        await CompleteReplaysAsync(batch, result.Duplicates);
                        if (batch.Count == 0)
                        {
                            return;
                        }

                        continue; // the rest of the batch is decided again without the replays
                    }

                    if (!result.Succeeded)
                    {
                        continue; // another writer got there first: decide the whole batch again on the newer state
                    }

                    // The append's own result is the new state: the cache moves on without reading it back.
                    Verified(number, epoch);
                    Complete(start, decided, result.Appended);
                }
                finally
                {
                    AppendDone(number);
                }

                return;
            }

            throw new InvalidOperationException($"Gave up on {Incident.FormatKey(number)} after {MaxAttempts} concurrent-write conflicts.");
        }
        catch (Exception ex)
        {
            batch.ForEach(c => c.Done.TrySetException(ex));
        }
    }

    /// <summary>Each command decided on the state the ones before it in the batch leave.</summary>
    private List<DecidedCommand> Decide(Incident start, List<PendingCommand> batch, int number)
    {
        var running = start;
        var decided = new List<DecidedCommand>(batch.Count);
        foreach (var command in batch)
        {
            Decision decision;
            try
            {
                decision = command.Verb(running);
            }
            catch (Exception ex)
            {
                // A broken verb fails its own command, not the others in the batch.
                command.Done.TrySetException(ex);
                decision = Decision.Refuse(ex.Message);
            }

            var stamped = decision.IsRefused ? [] : Stamp(decision.Events, number, command.Context);
            running = stamped.Aggregate(running, (s, e) => s.Apply(e));
            decided.Add(new DecidedCommand(command, decision, stamped));
        }

        return decided;
    }

    /// <summary>Hands each command its own result, with the store's versions and times, in order.</summary>
    private void Complete(Incident start, List<DecidedCommand> decided, IReadOnlyList<IncidentEvent> appended)
    {
        var state = start;
        var offset = 0;
        foreach (var (command, decision, events) in decided)
        {
            if (decision.IsRefused)
            {
                command.Done.TrySetResult(CommandResult.Refused(decision.Refusal!, state));
            }
            else if (events.Length == 0)
            {
                command.Done.TrySetResult(new CommandResult(state, [], null, decision.NoChangeReason));
            }
            else
            {
                var mine = appended.Skip(offset).Take(events.Length).ToList();
                offset += mine.Count;
                state = mine.Aggregate(state, (s, e) => s.Apply(e));
                command.Done.TrySetResult(Publish(state, mine));
            }
        }
    }

    private sealed record PendingCommand(Func<Incident, Decision> Verb, EventContext Context)
    {
        // Completed by whichever caller commits the batch; continuations run off that caller's thread.
        public TaskCompletionSource<CommandResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed record DecidedCommand(PendingCommand Command, Decision Decision, IncidentEvent[] Events);
}
