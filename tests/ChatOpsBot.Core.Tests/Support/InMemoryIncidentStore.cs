using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Core.Tests.Support;

/// <summary>
/// The store contract in memory: one lock, versions checked on append. It counts what it hands out so
/// tests can see how much of a timeline the service reads, and how many appends lost a race.
/// </summary>
public sealed class InMemoryIncidentStore(TimeProvider clock) : IIncidentStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, List<IncidentEvent>> _timelines = [];
    private readonly Dictionary<string, DateTimeOffset> _claims = [];
    private readonly Dictionary<string, RecordedRequest> _requests = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string), string> _references = [];
    private int _lastNumber;
    private long _eventsRead;
    private int _reads;
    private int _lists;
    private readonly Dictionary<string, int> _alertGroups = new(StringComparer.Ordinal);
    private int _conflicts;
    private int _appends;
    private Func<Task>? _beforeNextAppend;

    /// <summary>How many times every incident was listed (<see cref="ListIncidentNumbersAsync"/>).</summary>
    public int Lists => Volatile.Read(ref _lists);

    /// <summary>How many times <see cref="ReadAsync"/> was called, however many events each returned.</summary>
    public int Reads => Volatile.Read(ref _reads);

    /// <summary>How many events <see cref="ReadAsync"/> has returned in total.</summary>
    public long EventsRead => Interlocked.Read(ref _eventsRead);

    /// <summary>How many appends succeeded.</summary>
    public int Appends => Volatile.Read(ref _appends);

    /// <summary>How many appends were refused because the expected version was stale.</summary>
    public int Conflicts => Volatile.Read(ref _conflicts);

    /// <summary>
    /// Runs <paramref name="interloper"/> once, just before the next append is checked: another replica writing
    /// between a service's read and its append, which is the race the version check exists for.
    /// </summary>
    public void BeforeNextAppend(Func<Task> interloper) => _beforeNextAppend = interloper;

    public IReadOnlyList<IncidentEvent> Timeline(int incidentNumber)
    {
        lock (_gate)
        {
            return _timelines.TryGetValue(incidentNumber, out var events) ? [.. events] : [];
        }
    }

    public Task<int> AllocateNumberAsync(CancellationToken cancellationToken) =>
        Task.FromResult(Interlocked.Increment(ref _lastNumber));

    public async Task<AppendResult> AppendAsync(int incidentNumber, long expectedVersion, IReadOnlyList<IncidentEvent> events,
        CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _beforeNextAppend, null) is { } interloper)
        {
            await interloper();
        }

        return Append(incidentNumber, expectedVersion, events);
    }

    private AppendResult Append(int incidentNumber, long expectedVersion, IReadOnlyList<IncidentEvent> events)
    {
        lock (_gate)
        {
            if (!_timelines.TryGetValue(incidentNumber, out var timeline))
            {
                timeline = [];
                _timelines[incidentNumber] = timeline;
            }

            var requests = RecordedRequest.Of(incidentNumber, expectedVersion, events);
            var duplicates = requests.Where(r => _requests.ContainsKey(r.Key)).Select(r => _requests[r.Key]).ToList();
            if (duplicates.Count > 0)
            {
                return AppendResult.Duplicate(timeline.Count, duplicates);
            }

            if (timeline.Count != expectedVersion)
            {
                _conflicts++;
                return AppendResult.Conflict(timeline.Count);
            }

            var recordedAt = clock.GetUtcNow();
            var appended = events.Select((e, i) => e with { Version = expectedVersion + i + 1, RecordedAt = recordedAt }).ToArray();
            timeline.AddRange(appended);
            requests.ToList().ForEach(r => _requests[r.Key] = r);
            foreach (var link in appended.OfType<AlertGroupLinked>())
            {
                _alertGroups[link.GroupKey] = incidentNumber;
            }

            _appends++;
            return new AppendResult(true, timeline.Count, appended);
        }
    }

    public Task<RecordedRequest?> FindRequestAsync(string requestKey, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_requests.GetValueOrDefault(requestKey));
        }
    }

    public Task<IReadOnlyList<IncidentEvent>> ReadAsync(int incidentNumber, long afterVersion, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _reads);
        lock (_gate)
        {
            IncidentEvent[] newer = _timelines.TryGetValue(incidentNumber, out var timeline)
                ? timeline.Where(e => e.Version > afterVersion).ToArray()
                : [];
            _eventsRead += newer.Length;
            return Task.FromResult<IReadOnlyList<IncidentEvent>>(newer);
        }
    }

    public Task<int?> FindAlertGroupAsync(string groupKey, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<int?>(_alertGroups.TryGetValue(groupKey, out var number) ? number : null);
        }
    }

    public Task<IReadOnlyList<int>> ListIncidentNumbersAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _lists);
        lock (_gate)
        {
            IReadOnlyList<int> numbers = _timelines.Where(t => t.Value.Count > 0).Select(t => t.Key).Order().ToArray();
            return Task.FromResult(numbers);
        }
    }

    public Task ReleaseClaimAsync(string key, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _claims.Remove(key);
        }

        return Task.CompletedTask;
    }

    public Task SaveConversationReferenceAsync(string platform, string key, string reference, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _references[(platform, key)] = reference;
        }

        return Task.CompletedTask;
    }

    public Task<string?> FindConversationReferenceAsync(string platform, string key, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_references.GetValueOrDefault((platform, key)));
        }
    }

    public Task<bool> RenewClaimAsync(string key, TimeSpan ttl, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            if (!_claims.TryGetValue(key, out var expires) || expires <= now)
            {
                return Task.FromResult(false);
            }

            _claims[key] = now + ttl;
            return Task.FromResult(true);
        }
    }

    public Task<bool> TryClaimAsync(string key, TimeSpan ttl, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            if (_claims.TryGetValue(key, out var expires) && expires > now)
            {
                return Task.FromResult(false);
            }

            _claims[key] = now + ttl;
            return Task.FromResult(true);
        }
    }
}
