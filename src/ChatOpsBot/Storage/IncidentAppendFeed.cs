using System.Globalization;
using ChatOpsBot.Core.Incidents;
using StackExchange.Redis;

namespace ChatOpsBot.Storage;

/// <summary>SQLite serves one process, whose own appends all pass through its IncidentService: nothing to carry.</summary>
internal sealed class LocalIncidentAppendFeed : IIncidentAppendFeed
{
    public Task SubscribeAsync(Action<int, long> onAppended, Action onMayHaveMissed, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Redis pub/sub on <see cref="RedisKeys.AppendedChannel"/>; each message is "number:version" (a declaration adds ":origin").</summary>
internal sealed class RedisIncidentAppendFeed(IConnectionMultiplexer redis, RedisKeys keys) : IIncidentAppendFeed
{
    public async Task SubscribeAsync(Action<int, long> onAppended, Action onMayHaveMissed, CancellationToken cancellationToken)
    {
        // Pub/sub is at most once: what was published while the connection was down is gone. Any drop (and the
        // reconnect, in case an append slipped in between) makes every cache suspect until it is read again.
        redis.ConnectionFailed += (_, _) => onMayHaveMissed();
        redis.ConnectionRestored += (_, _) => onMayHaveMissed();
        await redis.GetSubscriber().SubscribeAsync(keys.AppendedChannel, (_, message) =>
        {
            // A declaration of ours names us as its origin: our own cache has it from the reply, and the number was
            // unknown while it was in flight, so IncidentService could not tell it apart from another replica's.
            if (TryParse((string?)message, out var number, out var version, out var origin) && origin != keys.Replica)
            {
                onAppended(number, version);
            }
        }).WaitAsync(cancellationToken);
    }

    /// <summary>"number:version", or "number:version:origin" from the declare script.</summary>
    internal static bool TryParse(string? text, out int number, out long version, out string? origin)
    {
        var span = (text ?? "").AsSpan();
        var colon = span.IndexOf(':');
        version = 0;
        number = 0;
        origin = null;
        if (colon <= 0 || !int.TryParse(span[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out number))
        {
            return false;
        }

        var rest = span[(colon + 1)..];
        var second = rest.IndexOf(':');
        if (second >= 0)
        {
            origin = rest[(second + 1)..].ToString();
            rest = rest[..second];
        }

        return long.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out version);
    }
}
