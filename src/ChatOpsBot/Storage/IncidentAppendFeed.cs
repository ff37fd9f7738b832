using System.Globalization;
using StackExchange.Redis;

namespace ChatOpsBot.Storage;

/// <summary>
/// Tells the other replicas that an incident's timeline grew, so they re-plan its reminders at once (DESIGN §5)
/// rather than at the next sweep. Best effort: a lost message costs a sweep interval, never a reminder.
/// </summary>
public interface IIncidentAppendFeed
{
    Task PublishAsync(int incidentNumber, CancellationToken cancellationToken);

    /// <summary>Calls <paramref name="onAppended"/> for appends made by other replicas.</summary>
    Task SubscribeAsync(Action<int> onAppended, CancellationToken cancellationToken);
}

/// <summary>SQLite serves one process, whose own appends IncidentService already announces: nothing to carry.</summary>
internal sealed class LocalIncidentAppendFeed : IIncidentAppendFeed
{
    public Task PublishAsync(int incidentNumber, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task SubscribeAsync(Action<int> onAppended, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Redis pub/sub on "{prefix}:appended"; each message is "number:replica", so a replica skips its own.</summary>
internal sealed class RedisIncidentAppendFeed(IConnectionMultiplexer redis, RedisKeys keys) : IIncidentAppendFeed
{
    private readonly string _replica = Guid.NewGuid().ToString("N");

    private RedisChannel Channel => RedisChannel.Literal($"{keys.Prefix}:appended");

    public Task PublishAsync(int incidentNumber, CancellationToken cancellationToken) =>
        redis.GetSubscriber().PublishAsync(Channel, $"{incidentNumber.ToString(CultureInfo.InvariantCulture)}:{_replica}").WaitAsync(cancellationToken);

    public Task SubscribeAsync(Action<int> onAppended, CancellationToken cancellationToken) =>
        redis.GetSubscriber().SubscribeAsync(Channel, (_, message) =>
        {
            var text = (string?)message ?? "";
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && text[(colon + 1)..] != _replica && int.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                onAppended(number);
            }
        }).WaitAsync(cancellationToken);
}
