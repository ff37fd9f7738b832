using System.Globalization;

namespace ChatOpsBot.Benchmarks.Http;

/// <summary>
/// The bot's own count of the commands it sent to Redis (chatopsbot_redis_operations_total on /metrics, a script call
/// counting once): round trips, which INFO commandstats cannot tell apart from the same commands run inside scripts.
/// </summary>
internal static class BotRedisOperations
{
    public static async Task<long> ReadAsync(HttpClient http)
    {
        var text = await http.GetStringAsync("/metrics");
        long total = 0;
        foreach (var line in text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!line.StartsWith("chatopsbot_redis_operations_total", StringComparison.Ordinal))
            {
                continue;
            }

            // name{labels} value [timestamp]
            var afterLabels = line.LastIndexOf('}') is var brace and >= 0 ? line[(brace + 1)..] : line["chatopsbot_redis_operations_total".Length..];
            var value = afterLabels.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
            total += (long)double.Parse(value, CultureInfo.InvariantCulture);
        }

        return total;
    }
}
