using System.Diagnostics.Metrics;
using ChatOpsBot.Core.Commands;
using StackExchange.Redis;

namespace ChatOpsBot.Storage;

/// <summary>
/// chatopsbot_redis_operations_total on /metrics: the commands this replica sent to Redis, a script call counting once,
/// as the multiplexer counts them. Redis's own INFO commandstats also counts what runs inside scripts under the same
/// names as commands sent on their own (GET, SET, INCR), so only the client side can say how many round trips a
/// command cost.
/// </summary>
internal sealed class RedisOperationMetrics : IDisposable
{
    private readonly Meter _meter = new(CommandMetrics.MeterName);

    public RedisOperationMetrics(IConnectionMultiplexer redis) =>
        _meter.CreateObservableCounter("chatopsbot.redis.operations", () => redis.GetCounters().Interactive.OperationCount, "{operation}",
            "Commands this replica sent to Redis (a script call is one).");

    public void Dispose() => _meter.Dispose();
}
