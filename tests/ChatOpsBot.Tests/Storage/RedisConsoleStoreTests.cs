using ChatOpsBot.Console;
using ChatOpsBot.Storage;
using ChatOpsBot.Tests.Support;
using StackExchange.Redis;

namespace ChatOpsBot.Tests.Storage;

[Collection(RedisCollection.Name)]
public sealed class RedisConsoleStoreTests(RedisServerFixture redis) : ConsoleStoreContract
{
    private readonly string _prefix = RedisServerFixture.NewKeyPrefix();
    private readonly List<ConnectionMultiplexer> _connections = [];

    protected override IConsoleStore CreateStore()
    {
        var connection = ConnectionMultiplexer.Connect(redis.ConnectionString);
        _connections.Add(connection);
        return new RedisConsoleStore(connection, new RedisKeys(_prefix));
    }

    public override async Task DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }
    }
}
