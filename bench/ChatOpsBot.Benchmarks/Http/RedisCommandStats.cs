using System.Globalization;
using StackExchange.Redis;

namespace ChatOpsBot.Benchmarks.Http;

/// <summary>
/// Redis's own count of the commands it ran (<c>INFO commandstats</c>), reset before a case and read after it.
/// Commands run inside a Lua script are counted too, under their own names (a GET in the append script and a GET sent on
/// its own look alike), so this is what Redis did, not how many round trips it took: those are the bot's own count
/// (<see cref="BotRedisOperations"/>).
/// </summary>
internal sealed class RedisCommandStats(IConnectionMultiplexer redis)
{
    public async Task ResetAsync()
    {
        foreach (var server in redis.GetServers())
        {
            await server.ExecuteAsync("CONFIG", "RESETSTAT");
        }
    }

    public async Task<IReadOnlyDictionary<string, long>> ReadAsync()
    {
        var calls = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var server in redis.GetServers())
        {
            var text = (string?)await server.ExecuteAsync("INFO", "commandstats") ?? "";
            foreach (var line in text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                // cmdstat_evalsha:calls=123,usec=456,usec_per_call=3.7,...
                if (!line.StartsWith("cmdstat_", StringComparison.Ordinal))
                {
                    continue;
                }

                var colon = line.IndexOf(':', StringComparison.Ordinal);
                var name = line["cmdstat_".Length..colon];
                var field = line[(colon + 1)..].Split(',').First(f => f.StartsWith("calls=", StringComparison.Ordinal));
                calls[name] = calls.GetValueOrDefault(name) + long.Parse(field["calls=".Length..], CultureInfo.InvariantCulture);
            }
        }

        return calls;
    }

    public static string Breakdown(IReadOnlyDictionary<string, long> calls, long commands) => string.Join(", ", calls
        .Where(c => c.Key is not ("ping" or "info" or "config" or "config|resetstat" or "echo" or "client|setinfo" or "client|setname" or "subscribe" or "cluster|nodes" or "role"))
        .OrderByDescending(c => c.Value)
        .Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key.ToUpperInvariant()} {c.Value / (double)Math.Max(1, commands):0.00}")));
}
