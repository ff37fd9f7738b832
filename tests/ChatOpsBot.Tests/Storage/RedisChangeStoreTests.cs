using ChatOpsBot.Core.Changes;
using ChatOpsBot.Storage;
using ChatOpsBot.Tests.Support;

namespace ChatOpsBot.Tests.Storage;

[Collection(RedisCollection.Name)]
public sealed class RedisChangeStoreTests(RedisServerFixture redis) : ChangeStoreContract
{
    private readonly string _prefix = RedisServerFixture.NewKeyPrefix();

    protected override IChangeStore CreateStore() => new RedisChangeStore(redis.Connection, new RedisKeys(_prefix));
}
