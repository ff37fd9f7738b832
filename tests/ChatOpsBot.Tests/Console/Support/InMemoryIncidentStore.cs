using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Tests.Console.Support;

/// <summary>Stand-in until the real stores land from the storage work; delete it then.</summary>
public sealed class InMemoryIncidentStore(TimeProvider clock) : IIncidentStore
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<int, List<IncidentEvent>> _timelines = [];
    private readonly Dictionary<string, DateTimeOffset> _claims = [];
    private int _lastNumber;

    public Task<int> AllocateNumberAsync(CancellationToken cancellationToken) => Task.FromResult(Interlocked.Increment(ref _lastNumber));

    public Task<AppendResult> AppendAsync(int incidentNumber, long expectedVersion, IReadOnlyList<IncidentEvent> events, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var timeline = _timelines.TryGetValue(incidentNumber, out var t) ? t : _timelines[incidentNumber] = [];
            if (timeline.Count != expectedVersion)
            {
                return Task.FromResult(AppendResult.Conflict(timeline.Count));
            }

            var now = clock.GetUtcNow();
            var appended = events.Select((e, i) => e with { IncidentNumber = incidentNumber, Version = expectedVersion + i + 1, RecordedAt = now }).ToList();
            timeline.AddRange(appended);
            return Task.FromResult(new AppendResult(true, timeline.Count, appended));
        }
    }

    public Task<IReadOnlyList<IncidentEvent>> ReadAsync(int incidentNumber, long afterVersion, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<IncidentEvent>>(
                _timelines.TryGetValue(incidentNumber, out var t) ? [.. t.Where(e => e.Version > afterVersion)] : []);
        }
    }

    public Task<IReadOnlyList<int>> ListIncidentNumbersAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<int>>([.. _timelines.Where(t => t.Value.Count > 0).Select(t => t.Key)]);
        }
    }

    public Task<bool> TryClaimAsync(string key, TimeSpan ttl, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            if (_claims.TryGetValue(key, out var until) && until > now)
            {
                return Task.FromResult(false);
            }

            _claims[key] = now + ttl;
            return Task.FromResult(true);
        }
    }

    public Task ReleaseClaimAsync(string key, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _claims.Remove(key);
            return Task.CompletedTask;
        }
    }
}
