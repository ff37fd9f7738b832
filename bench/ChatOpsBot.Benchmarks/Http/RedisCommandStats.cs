using System.Globalization;
using StackExchange.Redis;

namespace ChatOpsBot.Benchmarks.Http;

/// <summary>
/// Redis's own count of the commands it ran (<c>INFO commandstats</c>), reset before a case and read after it.
/// Commands run inside a Lua script are counted too, under their own names, so "round trips" leaves out the ones the
/// bot only ever issues from its scripts (XLEN, XADD, XREVRANGE, ZADD, PUBLISH) when the case is the bot's; for the
/// floor, whose only command is a raw XADD, every call is a round trip.
/// </summary>
internal sealed class RedisCommandStats(IConnectionMultiplexer redis)
{
    private static readonly HashSet<string> ScriptOnly = ["xlen", "xadd", "xrevrange", "zadd", "publish"];

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

    /// <summary>Commands the client sent (see the class comment), leaving out the multiplexer's own housekeeping.</summary>
    public static long RoundTrips(IReadOnlyDictionary<string, long> calls, bool floor) => calls
        .Where(c => c.Key is not ("ping" or "info" or "config" or "echo" or "subscribe" or "cluster" or "client" or "role" or "config|resetstat" or "config|get" or "client|setname" or "client|setinfo"))
        .Where(c => floor || !ScriptOnly.Contains(c.Key))
        .Sum(c => c.Value);

    public static string Breakdown(IReadOnlyDictionary<string, long> calls, long commands) => string.Join(", ", calls
        .Where(c => c.Key is not ("ping" or "info" or "config" or "config|resetstat" or "echo" or "client|setinfo" or "client|setname" or "subscribe" or "cluster|nodes" or "role"))
        .OrderByDescending(c => c.Value)
        .Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key.ToUpperInvariant()} {c.Value / (double)Math.Max(1, commands):0.00}")));
}
