using System.Collections.Concurrent;

namespace ChatOpsBot.Core.Incidents;

/// <summary>
/// Writing to one incident: commands queue per incident, and whoever holds the incident's gate commits every command
/// queued so far in one append (group commit). Under a burst (everyone typing into the same incident during an alert
/// storm) that is one round trip to the store for many commands instead of one each, and every command is still
/// decided in order on the state its predecessors left. Commands fold on <see cref="IncidentReader"/>'s cached state,
/// append with the expected version, retry on conflict, and hand the reader what they appended, so reading it back
/// costs nothing; the store's version check keeps replicas honest.
/// </summary>
public sealed class IncidentService(IIncidentStore store, IncidentReader reader, TimeProvider clock, IncidentSettings settings)
{
    // Another replica may win the race each time; past this many lost races something is badly wrong.
    private const int MaxAttempts = 64;

    private readonly ConcurrentDictionary<int, SemaphoreSlim> _gates = new();
    private readonly ConcurrentDictionary<int, ConcurrentQueue<PendingCommand>> _pending = new();
    private readonly DeclarationGroupCommit _declarations = new(store);
    private readonly RequestReplays _replays = new(store, reader);
    private readonly EventStamper _stamper = new(clock, settings);

    /// <summary>A service with its own reader: for one process that both reads and writes the store alone (tests, tools).</summary>
    public IncidentService(IIncidentStore store, TimeProvider clock, IncidentSettings settings)
        : this(store, new IncidentReader(store, settings), clock, settings)
    {
    }

    /// <summary>The reader this service commits through, so a caller that writes reads back what it wrote.</summary>
    public IncidentReader Reader => reader;

    public IncidentSettings Settings => settings;

    /// <summary>The clock events are stamped with; what reads "now" beside this service reads it here too.</summary>
    public TimeProvider Clock => clock;

    public async Task<CommandResult> DeclareAsync(DeclareRequest request, EventContext context, CancellationToken cancellationToken)
    {
        var decision = Incident.Declare(request.Title, request.Severity ?? settings.DefaultSeverity, request.IsPrivate,
            context.Actor, request.Commander, request.Origin, settings, request.Description);
        if (decision.IsRefused)
        {
            return CommandResult.Refused(decision.Refusal!);
        }

        // One step in the store: the request key is checked, the number handed out and the events appended together,
        // so a replayed declaration spends no number and a new one costs one round trip. Events carry number 0 until then.
        IncidentEvent[] events = [.. _stamper.Stamp(decision.Events, 0, context),
            .. _stamper.Stamp(request.With, 0, (request.WithContext ?? context) with { RequestKey = context.RequestKey })];
        var epoch = reader.CurrentEpoch;
        var result = await _declarations.AppendAsync(events);
        if (result.Duplicates is [var first, ..])
        {
            return await _replays.ReplayAsync(first, cancellationToken);
        }

        if (!result.Succeeded || result.Appended.Count == 0)
        {
            throw new InvalidOperationException("The store handed out an incident number twice; its numbering is broken.");
        }

        // The append's own result is the new incident: nothing to read back.
        reader.Verified(result.Appended[0].IncidentNumber, epoch);
        return Publish(Incident.Fold(result.Appended), result.Appended);
    }

    /// <summary>
    /// What became of the request with <paramref name="requestKey"/>: its result if it was recorded, null if the
    /// store (which answered) has no such request. Throws while the store does not answer.
    /// </summary>
    public Task<CommandResult?> FindOutcomeAsync(string requestKey, CancellationToken cancellationToken) =>
        _replays.FindOutcomeAsync(requestKey, cancellationToken);

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
        batch = RequestReplays.CollapseRepeatedKeys(batch);
        try
        {
            for (var attempt = 0; attempt < MaxAttempts; attempt++)
            {
                // First try on the cached state without reading: when this replica is the only writer (the usual case)
                // that saves a round trip, and if it is stale the version check refuses the append and the next attempt
                // reads. Refusals and no-ops are only trusted when decided on the store's latest state.
                var cached = attempt == 0 ? reader.Cached(number) : null;
                var fromCache = cached is not null;
                var start = cached ?? await reader.ReadLatestAsync(number);
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

                if (await _replays.CompleteReplayedRefusalsAsync(batch, decided))
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

                var epoch = reader.CurrentEpoch;
                reader.Appending(number, start.Version + events.Count);
                try
                {
                    var result = await AppendOrUnknownAsync(number, start.Version, events);
                    if (result.Duplicates.Count > 0)
                    {
                        await _replays.CompleteReplaysAsync(batch, result.Duplicates);
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
                    reader.Verified(number, epoch);
                    Complete(start, decided, result.Appended);
                }
                finally
                {
                    reader.AppendDone(number);
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

            var stamped = decision.IsRefused ? [] : _stamper.Stamp(decision.Events, number, command.Context);
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

    private async Task<AppendResult> AppendOrUnknownAsync(int number, long expectedVersion, IReadOnlyList<IncidentEvent> events)
    {
        try
        {
            // Not a caller's token: once sent, an append must be allowed to finish or time out on the store's terms.
            return await store.AppendAsync(number, expectedVersion, events, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not InvalidOperationException and not ArgumentException)
        {
            throw new StoreOutcomeUnknownException(number, ex);
        }
    }

    private CommandResult Publish(Incident incident, IReadOnlyList<IncidentEvent> appended)
    {
        reader.Appended(incident, appended);
        return new CommandResult(incident, appended, null, null);
    }
}
