using System.Collections.Concurrent;

namespace ChatOpsBot.Core.Incidents;

/// <summary>
/// Reading incidents: each incident's folded state is cached with its version, and only newer events are read, so a
/// read's cost does not grow with the length of the timeline. <see cref="IncidentService"/> commits through the same
/// cache (it tells the reader what it appended), so what this replica wrote is read back without a round trip.
/// Every event read from the store passes <see cref="IncidentSettings.Believed"/>.
/// </summary>
public sealed partial class IncidentReader(IIncidentStore store, IncidentSettings settings)
{
    private readonly ConcurrentDictionary<int, Incident> _states = new();
    private readonly ConcurrentDictionary<ConversationRef, int> _channels = new();
    private readonly ConcurrentDictionary<string, int> _alertGroups = new(StringComparer.Ordinal);

    private const int ListParallelism = 16;

    /// <summary>The incidents this instance has seen, as last read: cheap, possibly a sweep behind other replicas.</summary>
    public IReadOnlyCollection<Incident> Known => [.. _states.Values];

    /// <summary>
    /// Raised after this replica appended events, with the incident's new state. The reconciler listens. It is here,
    /// beside <see cref="ChangedElsewhere"/>, because whoever watches incidents watches what this replica knows of them.
    /// </summary>
    public event Action<Incident, IReadOnlyList<IncidentEvent>>? Changed;

    /// <summary>The cached state, without asking the store: for ordering work, never for decisions.</summary>
    public Incident? Cached(int number) => _states.TryGetValue(number, out var incident) ? incident : null;

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

    public async Task<IReadOnlyList<IncidentEvent>> ReadTimelineAsync(int number, CancellationToken cancellationToken) =>
        [.. (await store.ReadAsync(number, 0, cancellationToken)).Select(settings.Believed)];

    /// <summary>The store's latest state, whatever announcements say: for decisions (refusals, no-ops) that must be made on it.</summary>
    internal Task<Incident> ReadLatestAsync(int number) => RefreshAsync(number, CancellationToken.None, force: true);

    /// <summary>This replica appended <paramref name="appended"/>, which took the incident to <paramref name="incident"/>.</summary>
    internal void Appended(Incident incident, IReadOnlyList<IncidentEvent> appended)
    {
        Remember(incident);
        Changed?.Invoke(incident, appended);
    }

    /// <summary>
    /// The cached state brought up to date: from memory when it is current (<see cref="IsCurrent"/>), otherwise by
    /// reading only the events after the cached version. <paramref name="force"/> always asks the store.
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

        var next = newer.Aggregate(cached, (s, e) => s.Apply(settings.Believed(e)));
        Remember(next);
        Verified(number, epoch);
        return next;
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
}
