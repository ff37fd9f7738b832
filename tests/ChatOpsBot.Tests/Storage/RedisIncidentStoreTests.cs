using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Storage;
using ChatOpsBot.Tests.Support;
using StackExchange.Redis;

namespace ChatOpsBot.Tests.Storage;

[Collection(RedisCollection.Name)]
public sealed class RedisIncidentStoreTests(RedisServerFixture redis) : IncidentStoreContract
{
    private readonly string _prefix = RedisServerFixture.NewKeyPrefix();
    private readonly List<ConnectionMultiplexer> _connections = [];

    // Redis expires keys on its own clock, so the TTL is real but short.
    protected override TimeSpan ClaimTtl => TimeSpan.FromMilliseconds(200);

    protected override IIncidentStore CreateStore(TimeProvider clock)
    {
        // A connection of its own per store, so a "restart" really is a new client with nothing cached.
        var connection = ConnectionMultiplexer.Connect(redis.ConnectionString);
        _connections.Add(connection);
        return new RedisIncidentStore(connection, new RedisKeys(_prefix), clock);
    }

    // Redis expires the claim on its own clock: wait until it has, not for a guessed length of wall time.
    protected override async Task LetTimePassAsync(TimeSpan elapsed, string expiringClaim)
    {
        Clock.Advance(elapsed);
        var claim = new RedisKeys(_prefix).Claim(expiringClaim);
        await Eventually.Get(() => redis.Connection.GetDatabase().KeyExistsAsync(claim), exists => !exists, $"Redis to expire {claim}");
    }

    public override async Task DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }
    }

    [Fact]
    public async Task OneIncidentsKeysShareAHashTagUnderThePrefix()
    {
        var number = await Store.AllocateNumberAsync(CancellationToken.None);
        await Store.AppendAsync(number, 0, [new NoteAdded("hello")], CancellationToken.None);

        var keys = new RedisKeys(_prefix);
        Assert.Equal($"{_prefix}:{{inc:{number}}}:events", (string?)keys.Events(number));
        Assert.Equal(1, await redis.Connection.GetDatabase().StreamLengthAsync(keys.Events(number)));
    }

    [Fact]
    public async Task RecordedAtIsTheStreamIdsMillisecond()
    {
        var number = await Store.AllocateNumberAsync(CancellationToken.None);
        Clock.Advance(TimeSpan.FromTicks(12_345));

        var result = await Store.AppendAsync(number, 0, [new NoteAdded("a"), new NoteAdded("b")], CancellationToken.None);

        var entries = await redis.Connection.GetDatabase().StreamRangeAsync(new RedisKeys(_prefix).Events(number));
        var ms = Clock.GetUtcNow().ToUnixTimeMilliseconds();
        Assert.Equal([$"{ms}-0", $"{ms}-1"], entries.Select(e => (string?)e.Id));
        Assert.All(result.Appended, e => Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(ms), e.RecordedAt));
    }
}
