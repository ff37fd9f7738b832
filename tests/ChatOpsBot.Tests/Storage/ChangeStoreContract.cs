using ChatOpsBot.Core.Changes;
using ChatOpsBot.Tests.Support;

namespace ChatOpsBot.Tests.Storage;

/// <summary>What every <see cref="IChangeStore"/> promises. One subclass per implementation runs it all.</summary>
public abstract class ChangeStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Noon = new(2025, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private IChangeStore? _store;

    protected IChangeStore Store => _store ?? throw new InvalidOperationException("The store is created in InitializeAsync.");

    /// <summary>A new store over the same data, as after a restart of the host.</summary>
    protected abstract IChangeStore CreateStore();

    public Task InitializeAsync()
    {
        _store = CreateStore();
        return Task.CompletedTask;
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    public static Change Deploy(string service, DateTimeOffset finishedAt, string? providerId = null, string? url = null)
    {
        var provider = providerId ?? Some.String("generic");
        return new Change(Change.IdFor(provider), provider, service, "production", "1.4.2", ChangeStatus.Succeeded,
            finishedAt.AddMinutes(-3), finishedAt, "a1b2c3d", finishedAt.AddHours(-2), url ?? $"https://ci.example.com/{provider}", "alice",
            ["finishedAt was missing; the time it was received is used."], finishedAt.AddSeconds(1));
    }

    [Fact]
    public async Task AnAddedChangeReadsBackWithEveryFieldByIdAndByUrl()
    {
        var change = Deploy(Some.String("checkout"), Noon.AddTicks(1234));

        var added = await Store.AddAsync(change, CancellationToken.None);

        Assert.True(added.Added);
        Assert.Equal(change, added.Change);
        Assert.Equal(change, await CreateStore().FindAsync(change.Id, CancellationToken.None));
        Assert.Equal(change, await CreateStore().FindAsync(change.Url!, CancellationToken.None));
        Assert.Null(await Store.FindAsync("chg-0000000000", CancellationToken.None));
    }

    [Fact]
    public async Task TheSameProviderIdIsStoredOnceAndTheFirstReportWins()
    {
        var provider = Some.String("github");
        var first = Deploy("checkout", Noon, provider);
        var again = first with { Version = "9.9.9", FinishedAt = Noon.AddMinutes(5) };

        await Store.AddAsync(first, CancellationToken.None);
        var second = await Store.AddAsync(again, CancellationToken.None);

        Assert.False(second.Added);
        Assert.Equal(first, second.Change);
        Assert.Equal([first], (await Store.ListAsync(Noon.AddHours(-1), Noon.AddHours(1), CancellationToken.None)).Where(c => c.ProviderId == provider));
    }

    [Fact]
    public async Task FiftyConcurrentReportsOfOneDeployAddItExactlyOnce()
    {
        var provider = Some.String("github");
        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() =>
            Store.AddAsync(Deploy("checkout", Noon, provider) with { Version = $"v{i}" }, CancellationToken.None))));

        Assert.Single(results, r => r.Added);
        var winner = results.Single(r => r.Added).Change;
        Assert.All(results, r => Assert.Equal(winner, r.Change));
    }

    [Fact]
    public async Task ListingReturnsTheChangesFinishedInTheWindowOldestFirst()
    {
        var service = Some.String("svc");
        var at = new[] { Noon.AddHours(-5), Noon.AddMinutes(-30), Noon.AddHours(-4), Noon, Noon.AddMinutes(1) };
        foreach (var time in at)
        {
            await Store.AddAsync(Deploy(service, time), CancellationToken.None);
        }

        var listed = (await Store.ListAsync(Noon.AddHours(-4), Noon, CancellationToken.None)).Where(c => c.Service == service).ToList();

        Assert.Equal([Noon.AddHours(-4), Noon.AddMinutes(-30), Noon], listed.Select(c => c.FinishedAt));
    }

    [Fact]
    public async Task AUrlSharedByTwoDeploysFindsTheFirst()
    {
        var url = $"https://ci.example.com/pipelines/{Some.Int()}";
        var first = Deploy("checkout", Noon, url: url);
        await Store.AddAsync(first, CancellationToken.None);
        await Store.AddAsync(Deploy("checkout", Noon.AddMinutes(-10), url: url), CancellationToken.None);

        Assert.Equal(first.Id, (await Store.FindAsync(url, CancellationToken.None))?.Id);
    }
}
