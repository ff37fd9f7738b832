using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Tests.Support;

namespace ChatOpsBot.Core.Tests.Incidents;

/// <summary>
/// Declarations made while another is with the store wait and go together in the next store call; each still gets its
/// own number and answer, and a request key seen before is answered with the first declaration, not a second incident.
/// </summary>
public class DeclarationGroupCommitTests
{
    private static readonly EventContext Alice = new(Some.Actor(), EventSource.Command);

    [Fact]
    public async Task DeclarationsQueuedBehindOneInFlightGoInOneStoreCallAndEachGetsItsOwnIncident()
    {
        var store = new HeldStore(new InMemoryIncidentStore(TimeProvider.System));
        var service = new IncidentService(store, TimeProvider.System, new IncidentSettings());

        var first = service.DeclareAsync(new DeclareRequest("Checkout down", Severity.Sev1), Alice, CancellationToken.None);
        // The first declaration is now with the store, held there; the next ones queue behind it.
        var queued = Enumerable.Range(1, 20)
            .Select(i => service.DeclareAsync(new DeclareRequest($"Queued incident {i}", Severity.Sev3), Alice, CancellationToken.None))
            .ToList();
        store.Release();
        var results = await Task.WhenAll([first, .. queued]);

        Assert.Equal(2, store.Calls);
        Assert.Equal(Enumerable.Range(1, 21), results.Select(r => r.Incident.Number).Order());
        Assert.Equal(["Checkout down", .. Enumerable.Range(1, 20).Select(i => $"Queued incident {i}")], results.Select(r => r.Incident.Title));
        foreach (var result in results)
        {
            Assert.Equal(result.Incident.Title, Assert.IsType<Declared>(store.Inner.Timeline(result.Incident.Number)[0]).Title);
        }
    }

    [Fact]
    public async Task TheSameDeclarationTwiceInOneBatchIsOneIncidentAndBothCallersAreToldOfIt()
    {
        var store = new HeldStore(new InMemoryIncidentStore(TimeProvider.System));
        var service = new IncidentService(store, TimeProvider.System, new IncidentSettings());
        var keyed = Alice with { RequestKey = "trigger-1" };

        var other = service.DeclareAsync(new DeclareRequest("Search slow", Severity.Sev2), Alice, CancellationToken.None);
        var once = service.DeclareAsync(new DeclareRequest("Checkout down", Severity.Sev1), keyed, CancellationToken.None);
        var again = service.DeclareAsync(new DeclareRequest("Checkout down", Severity.Sev1), keyed, CancellationToken.None);
        store.Release();
        await other;

        Assert.Equal((await once).Incident.Number, (await again).Incident.Number);
        Assert.True((await again).IsReplay);
        Assert.Equal(2, (await store.Inner.ListIncidentNumbersAsync(CancellationToken.None)).Count);
        Assert.Equal(2, store.Calls);
    }

    /// <summary>The in-memory store, whose first declaration call waits until the test lets it go.</summary>
    private sealed class HeldStore(InMemoryIncidentStore inner) : IIncidentStore
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _calls;

        public InMemoryIncidentStore Inner => inner;

        public int Calls => Volatile.Read(ref _calls);

        public void Release() => _released.TrySetResult();

        public async Task<IReadOnlyList<AppendResult>> AppendNewIncidentsAsync(IReadOnlyList<IReadOnlyList<IncidentEvent>> declarations, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _calls) == 1)
            {
                await _released.Task;
            }

            return await ((IIncidentStore)inner).AppendNewIncidentsAsync(declarations, cancellationToken);
        }

        public Task<int> AllocateNumberAsync(CancellationToken cancellationToken) => inner.AllocateNumberAsync(cancellationToken);

        public Task<AppendResult> AppendAsync(int incidentNumber, long expectedVersion, IReadOnlyList<IncidentEvent> events, CancellationToken cancellationToken) =>
            inner.AppendAsync(incidentNumber, expectedVersion, events, cancellationToken);

        public Task<RecordedRequest?> FindRequestAsync(string requestKey, CancellationToken cancellationToken) => inner.FindRequestAsync(requestKey, cancellationToken);

        public Task<IReadOnlyList<IncidentEvent>> ReadAsync(int incidentNumber, long afterVersion, CancellationToken cancellationToken) =>
            inner.ReadAsync(incidentNumber, afterVersion, cancellationToken);

        public Task<IReadOnlyList<int>> ListIncidentNumbersAsync(CancellationToken cancellationToken) => inner.ListIncidentNumbersAsync(cancellationToken);

        public Task<bool> TryClaimAsync(string key, TimeSpan ttl, CancellationToken cancellationToken) => inner.TryClaimAsync(key, ttl, cancellationToken);

        public Task ReleaseClaimAsync(string key, CancellationToken cancellationToken) => inner.ReleaseClaimAsync(key, cancellationToken);

        public Task<bool> RenewClaimAsync(string key, TimeSpan ttl, CancellationToken cancellationToken) => inner.RenewClaimAsync(key, ttl, cancellationToken);

        public Task SaveConversationReferenceAsync(string platform, string key, string reference, CancellationToken cancellationToken) =>
            inner.SaveConversationReferenceAsync(platform, key, reference, cancellationToken);

        public Task<string?> FindConversationReferenceAsync(string platform, string key, CancellationToken cancellationToken) =>
            inner.FindConversationReferenceAsync(platform, key, cancellationToken);
    }
}
