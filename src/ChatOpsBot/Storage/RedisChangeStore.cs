using ChatOpsBot.Core.Changes;
using StackExchange.Redis;

namespace ChatOpsBot.Storage;

/// <summary>
/// Deploys in Redis: a hash of id → JSON, a sorted set by finished time, a hash of URL → id. The id is derived
/// from the provider id, so HSETNX on it is the de-duplication; the script adds all three in one step.
/// </summary>
public sealed class RedisChangeStore(IConnectionMultiplexer redis, RedisKeys keys) : IChangeStore
{
    private const string AddScript = """
        if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then
          return redis.call('HGET', KEYS[1], ARGV[1])
        end
        redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
        if ARGV[4] ~= '' then
          redis.call('HSETNX', KEYS[3], ARGV[4], ARGV[1])
        end
        return false
        """;

    private IDatabase Db => redis.GetDatabase();

    public async Task<ChangeAddResult> AddAsync(Change change, CancellationToken cancellationToken)
    {
        var existing = await Db.ScriptEvaluateAsync(AddScript, [keys.Changes, keys.ChangesByFinished, keys.ChangesByUrl],
            [change.Id, ChangeJson.Serialize(change), change.FinishedAt.ToUnixTimeMilliseconds(), change.Url ?? ""]).WaitAsync(cancellationToken);
        return existing.IsNull ? new ChangeAddResult(true, change) : new ChangeAddResult(false, ChangeJson.Deserialize((string)existing!));
    }

    public async Task<Change?> FindAsync(string idOrUrl, CancellationToken cancellationToken)
    {
        var json = await Db.HashGetAsync(keys.Changes, idOrUrl).WaitAsync(cancellationToken);
        if (json.IsNull && await Db.HashGetAsync(keys.ChangesByUrl, idOrUrl).WaitAsync(cancellationToken) is { IsNull: false } id)
        {
            json = await Db.HashGetAsync(keys.Changes, id).WaitAsync(cancellationToken);
        }

        return json.IsNull ? null : ChangeJson.Deserialize(json!);
    }

    public async Task<IReadOnlyList<Change>> ListAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var ids = await Db.SortedSetRangeByScoreAsync(keys.ChangesByFinished, from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds()).WaitAsync(cancellationToken);
        if (ids.Length == 0)
        {
            return [];
        }

        var values = await Db.HashGetAsync(keys.Changes, ids).WaitAsync(cancellationToken);
        // Sorted by the exact time: the score is whole milliseconds, the stored time may have ticks.
        return values.Where(v => !v.IsNull).Select(v => ChangeJson.Deserialize(v!)).OrderBy(c => c.FinishedAt).ToList();
    }
}
