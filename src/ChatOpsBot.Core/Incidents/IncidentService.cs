using System.Collections.Concurrent;

namespace ChatOpsBot.Core.Incidents;

/// <summary>
/// Runs commands against incidents: fold, decide, append with the expected version, retry on conflict.
/// Each incident's folded state is cached with its version, and only newer events are read, so a command's
/// cost does not grow with the length of the timeline. The store's version check keeps replicas honest.
/// </summary>
public sealed partial class IncidentService(IIncidentStore store, TimeProvider clock, IncidentSettings settings)
{
    private readonly ConcurrentDictionary<int, Incident> _states = new();
    private readonly ConcurrentDictionary<ConversationRef, int> _channels = new();
    private readonly ConcurrentDictionary<string, int> _alertGroups = new(StringComparer.Ordinal);

    private const int ListParallelism = 16;

    public IncidentSettings Settings => settings;

    /// <summary>The clock events are stamped with; what reads "now" beside this service reads it here too.</summary>
    public TimeProvider Clock => clock;

    /// <summary>The incidents this instance has seen, as last read: cheap, possibly a sweep behind other replicas.</summary>
    public IReadOnlyCollection<Incident> Known => [.. _states.Values];

    /// <summary>Raised after events were appended, with the incident's new state. The reconciler listens.</summary>
    public event Action<Incident, IReadOnlyList<IncidentEvent>>? Changed;

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
        IncidentEvent[] events = [.. Stamp(decision.Events, 0, context), .. Stamp(request.With, 0, (request.WithContext ?? context) with { RequestKey = context.RequestKey })];
        var epoch = CurrentEpoch;
        var result = await AppendNewIncidentAsync(events);
        if (result.Duplicates is [var first, ..])
        {
            return await ReplayAsync(first, cancellationToken);
        }

        if (!result.Succeeded || result.Appended.Count == 0)
        {
            throw new InvalidOperationException("The store handed out an incident number twice; its numbering is broken.");
        }

        // The append's own result is the new incident: nothing to read back.
        Verified(result.Appended[0].IncidentNumber, epoch);
        return Publish(Incident.Fold(result.Appended), result.Appended);
    }

    /// <summary>The incident's current state, caught up with the store. <see cref="Incident.None"/> when there is none.</summary>
    public Task<Incident> GetAsync(int number, CancellationToken cancellationToken) => RefreshAsync(number, cancellationToken);

    public async Task<IReadOnlyList<Incident>> ListAsync(CancellationToken cancellationToken)
    {
        var numbers = await store.ListIncidentNumbersAsync(cancellationToken);
        var incidents = new Incident[numbers.Count];
        // Each refresh is a round trip that is almost always empty; several in flight at once keep a catch-up over
        // thousands of incidents from costing thousands of sequential round trips.
        await Parallel.ForEachAsync(Enumerable.Range(0, numbers.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ListParallelism, CancellationToken = cancellationToken },
            async (i, ct) => incidents[i] = await RefreshAsync(numbers[i], ct));
        return [.. incidents.Where(i => i.Exists)];
    }

    /// <summary>The incident whose channel this is, so commands typed there need not name it.</summary>
    public async Task<Incident?> FindByChannelAsync(ConversationRef conversation, CancellationToken cancellationToken)
    {
        var key = conversation with { Name = null };
        if (!_channels.ContainsKey(key))
        {
            // Another replica may have opened the channel; catch up with every incident once.
            await ListAsync(cancellationToken);
        }

        return _channels.TryGetValue(key, out var number) ? await RefreshAsync(number, cancellationToken) : null;
    }

    /// <summary>
    /// The newest incident linked to the alert group (<see cref="AlertGroupLinked"/>), whatever its status, or null.
    /// A group this replica does not know (or whose incident is closed) is looked up in the store's alert group index,
    /// since another replica may have declared it: the store, not this cache, is what de-duplication trusts.
    /// </summary>
    public async Task<Incident?> FindByAlertGroupAsync(string groupKey, CancellationToken cancellationToken)
    {
        Incident? known = null;
        if (_alertGroups.TryGetValue(groupKey, out var cachedNumber))
        {
            known = await RefreshAsync(cachedNumber, cancellationToken);
            if (known.Status != IncidentStatus.Closed)
            {
                return known;
            }
        }

        // The index is a hint (it may name an incident whose append failed): only an incident that links the group counts.
        if (await store.FindAlertGroupAsync(groupKey, cancellationToken) is { } indexed && indexed != known?.Number)
        {
            var candidate = await RefreshAsync(indexed, cancellationToken);
            if (candidate.Exists && candidate.AlertGroups.Contains(groupKey) && candidate.Number > (known?.Number ?? 0))
            {
                return candidate;
            }
        }

        return known;
    }

    public Task<IReadOnlyList<IncidentEvent>> ReadTimelineAsync(int number, CancellationToken cancellationToken) =>
        store.ReadAsync(number, 0, cancellationToken);

    /// <summary>
    /// The cached state brought up to date: from memory when it is current (<see cref="IsCurrent"/>), otherwise by
    /// reading only the events after the cached version. <paramref name="force"/> always asks the store, for decisions
    /// (refusals, no-ops) that must be made on its latest state.
    /// </summary>
    private async Task<Incident> RefreshAsync(int number, CancellationToken cancellationToken, bool force = false)
    {
        var cached = _states.GetValueOrDefault(number, Incident.None);
        if (!force && IsCurrent(number, cached))
        {
            return cached;
        }

        var epoch = CurrentEpoch;
        var newer = await store.ReadAsync(number, cached.Version, cancellationToken);
        if (newer.Count == 0)
        {
            Verified(number, epoch);
            return cached;
        }

        var next = newer.Aggregate(cached, (s, e) => s.Apply(e));
        Remember(next);
        Verified(number, epoch);
        return next;
    }

    private CommandResult Publish(Incident incident, IReadOnlyList<IncidentEvent> appended)
    {
        Remember(incident);
        Changed?.Invoke(incident, appended);
        return new CommandResult(incident, appended, null, null);
    }

    private void Remember(Incident incident)
    {
        // A slower reader must not replace a newer state with an older one.
        _states.AddOrUpdate(incident.Number, incident, (_, old) => old.Version >= incident.Version ? old : incident);
        if (incident.Channel is { } channel)
        {
            _channels[channel with { Name = null }] = incident.Number;
        }

        foreach (var group in incident.AlertGroups)
        {
            // A group outlives a closed incident and gets a new one: the newest is the one that counts.
            _alertGroups.AddOrUpdate(group, incident.Number, (_, old) => Math.Max(old, incident.Number));
        }
    }

    private IncidentEvent[] Stamp(IReadOnlyList<IncidentEvent> events, int number, EventContext context)
    {
        var now = clock.GetUtcNow();
        var occurredAt = context.OccurredAt ?? now;
        return events.Select(e =>
        {
            // An event that knows when it happened (an alert's startsAt) keeps that time, if it can be true: a time
            // before the epoch or far ahead would make every duration derived from it absurd.
            var claimed = (e.OccurredAt == default ? occurredAt : e.OccurredAt).ToUniversalTime();
            var believable = settings.IsBelievable(claimed, now);
            return e with
            {
                IncidentNumber = number,
                Actor = context.Actor,
                Source = context.Source,
                RequestKey = context.RequestKey,
                OccurredAt = believable ? claimed : now.ToUniversalTime(),
                ClaimedOccurredAt = believable ? null : claimed,
            };
        }).ToArray();
    }
}

public sealed record DeclareRequest(string Title, Severity? Severity = null, bool IsPrivate = false, Actor? Commander = null,
    ConversationRef? Origin = null, string? Description = null)
{
    /// <summary>Events recorded in the same append as the declaration, e.g. the alerts that caused it, so no reader sees one without the other.</summary>
    public IReadOnlyList<IncidentEvent> With { get; init; } = [];

    /// <summary>Who <see cref="With"/> is from when not the declarer: alerts a person declared from are the sender's.</summary>
    public EventContext? WithContext { get; init; }
}
