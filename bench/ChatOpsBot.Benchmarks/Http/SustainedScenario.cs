using System.Globalization;
using StackExchange.Redis;

namespace ChatOpsBot.Benchmarks.Http;

/// <summary>
/// Scenario 7: sustained load. Each case runs closed-loop for a fixed time (BENCH_SUSTAINED_SECONDS, 30) at 1, 32 and 128
/// clients; at 32 clients the whole set runs BENCH_SUSTAINED_ROUNDS times (4) one after another, so the note case shows
/// whether its p99 stays flat while the incident's timeline grows. Two baselines in the same rounds: GET /healthz and
/// POST /bench/floor/xadd (same signature check and form parse as /slack/commands, then one raw XADD through the bot's
/// multiplexer). Every request is a distinct command: its own trigger_id and signature. Redis calls per command come
/// from INFO commandstats, reset before each case.
/// </summary>
internal sealed class SustainedScenario(HttpClient http, SlashCommands slash, string redisConnection, int target)
{
    private const string Healthz = "GET /healthz (baseline)";
    private const string Floor = "POST /bench/floor/xadd (baseline: signature, form, one XADD)";
    private static readonly int[] Concurrencies = [1, 32, 128];

    private readonly TimeSpan _duration = TimeSpan.FromSeconds(EnvInt("BENCH_SUSTAINED_SECONDS", 30));
    private readonly int _rounds = EnvInt("BENCH_SUSTAINED_ROUNDS", 4);
    private readonly TimeSpan _warmUp = TimeSpan.FromSeconds(EnvInt("BENCH_SUSTAINED_WARMUP_SECONDS", 10));

    private string Note => $"/incident note (one incident, INC-{target})";

    private const string Declare = "/incident declare";

    public async Task<bool> RunAsync(string output)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(redisConnection + ",allowAdmin=true");
        var stats = new RedisCommandStats(redis);
        var cases = new (string Name, Func<long, HttpRequestMessage> Create)[]
        {
            (Healthz, _ => new HttpRequestMessage(HttpMethod.Get, "/healthz")),
            (Floor, i => slash.Post("/bench/floor/xadd", $"INC-{target} note Floor request {i}", (int)i)),
            (Note, i => slash.Post("/slack/commands", $"INC-{target} note Observation {i}: p99 back under 300 ms on pod-{i % 40}", (int)i)),
            (Declare, i => slash.Post("/slack/commands", $"declare sev3 Sustained incident {i} checkout latency", (int)i)),
        };

        // A warm-up round, not reported: every case at 32 clients, so round 1 does not carry first-use costs (JIT of the
        // declare path, the thread pool growing) that round 4 does not.
        foreach (var (name, create) in cases)
        {
            var warm = await TimedLoad.RunForAsync(http, _warmUp, 32, create);
            System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sustained: warm-up {name,-60} {warm.Throughput,8:F0} req/s p99 {warm.P99,6:F2} ms"));
        }

        var results = new List<Row>();
        foreach (var concurrency in Concurrencies)
        {
            var rounds = concurrency == 32 ? _rounds : 1;
            for (var round = 1; round <= rounds; round++)
            {
                foreach (var (name, create) in cases)
                {
                    await stats.ResetAsync();
                    var sentBefore = await BotRedisOperations.ReadAsync(http);
                    var result = await TimedLoad.RunForAsync(http, _duration, concurrency, create);
                    var calls = await stats.ReadAsync();
                    var sent = await BotRedisOperations.ReadAsync(http) - sentBefore;
                    var row = new Row(name, concurrency, round, result, sent / (double)Math.Max(1, result.Count),
                        RedisCommandStats.Breakdown(calls, result.Count));
                    results.Add(row);
                    System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"sustained: {name,-60} c={concurrency,-3} r{round} {result.Throughput,8:F0} req/s p50 {result.P50,6:F2} ms p99 {result.P99,6:F2} ms redis/cmd {row.RedisPerCommand:F2} ({row.Breakdown}) non-200 {result.Failures}"));
                }
            }
        }

        await File.WriteAllTextAsync(output, Report(results));
        return results.All(r => r.Result.Failures == 0);
    }

    private string Report(List<Row> rows)
    {
        var md = new Markdown();
        md.Line("## 7. Sustained load");
        md.Line();
        md.Line($"Closed loop for {_duration.TotalSeconds:0} s per case at 1, 32 and 128 clients; at 32 clients {_rounds} rounds of every case back to back "
            + $"(the note incident's timeline grows all the while), after a warm-up round of every case at 32 clients for {_warmUp.TotalSeconds:0} s that is not reported (`BENCH_SUSTAINED_WARMUP_SECONDS`). Same host, Redis, Slack on (stub), as scenario 1. Every request is a distinct signed command "
            + "(own `trigger_id`). Baselines in the same run: `GET /healthz` and `POST /bench/floor/xadd` (the same Slack signature check and form parse, "
            + "then one raw `XADD` through the same multiplexer). Redis round trips per request: the commands the bot's multiplexer sent during the case (`chatopsbot_redis_operations_total` "
            + "on its /metrics, a script call counting once; everything the host sent meanwhile, the reconciler's work included), over the requests; beside it "
            + "what Redis ran, from `INFO commandstats` (reset before each case), which counts the commands inside scripts too, under the same names as "
            + "commands sent on their own. Durations: `BENCH_SUSTAINED_SECONDS`, `BENCH_SUSTAINED_ROUNDS`.");
        md.Line();
        md.Row(["Endpoint", "Clients", "Round", "Requests", "p50", "p99", "Req/s", "p99 ÷ /healthz p99", "Req/s ÷ XADD floor", "Redis round trips / request", "Redis commands / request (incl. inside scripts)", "Non-200"]);
        md.Row(["---", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---", "---:"]);
        foreach (var r in rows)
        {
            var healthz = rows.First(x => x.Name == Healthz && x.Concurrency == r.Concurrency && x.Round == r.Round).Result;
            var floor = rows.First(x => x.Name == Floor && x.Concurrency == r.Concurrency && x.Round == r.Round).Result;
            md.Row([r.Name, r.Concurrency.ToString(CultureInfo.InvariantCulture), r.Round.ToString(CultureInfo.InvariantCulture), Fmt.Int(r.Result.Count),
                Fmt.Ms(r.Result.P50), Fmt.Ms(r.Result.P99), Fmt.PerSecond(r.Result.Throughput),
                Fmt.Ratio(r.Result.P99 / healthz.P99), Fmt.Ratio(r.Result.Throughput / floor.Throughput),
                r.RedisPerCommand.ToString("0.00", CultureInfo.InvariantCulture), r.Breakdown, Fmt.Int(r.Result.Failures)]);
        }

        md.Line();
        md.Line("Targets (at 32 clients, all rounds pooled; each ratio against the baselines of the same rounds):");
        md.Line();
        var at32 = rows.Where(r => r.Concurrency == 32).ToList();
        var healthz32 = LoadResult.Pool([.. at32.Where(r => r.Name == Healthz).Select(r => r.Result)]);
        var floor32 = LoadResult.Pool([.. at32.Where(r => r.Name == Floor).Select(r => r.Result)]);
        foreach (var name in new[] { Note, Declare })
        {
            var mine = at32.Where(r => r.Name == name).ToList();
            var pooled = LoadResult.Pool([.. mine.Select(r => r.Result)]);
            var p99Ratio = pooled.P99 / healthz32.P99;
            var throughputRatio = pooled.Throughput / floor32.Throughput;
            var redisPer = mine.Sum(r => r.RedisPerCommand * r.Result.Count) / Math.Max(1, mine.Sum(r => r.Result.Count));
            var first = mine.First().Result.P99;
            var last = mine.Last().Result.P99;
            var drift = last / first - 1;
            // The same drift measured against each round's own /healthz p99, which takes out what the shared machine did meanwhile.
            double HealthzP99(Row r) => at32.First(x => x.Name == Healthz && x.Round == r.Round).Result.P99;
            var relativeDrift = (last / HealthzP99(mine.Last())) / (first / HealthzP99(mine.First())) - 1;
            md.Line($"- {name}: p99 {Fmt.Ms(pooled.P99)} = {Fmt.Ratio(p99Ratio)} the /healthz p99 of {Fmt.Ms(healthz32.P99)} (target ≤ 3×: **{Verdict(p99Ratio <= 3)}**); "
                + $"throughput {Fmt.PerSecond(pooled.Throughput)} = {Fmt.Ratio(throughputRatio)} the XADD floor's {Fmt.PerSecond(floor32.Throughput)} (target ≥ 0.60×: **{Verdict(throughputRatio >= 0.6)}**); "
                + $"{redisPer.ToString("0.00", CultureInfo.InvariantCulture)} Redis round trips per command (target ≤ 1.2: **{Verdict(redisPer <= 1.2)}**); "
                + $"p99 round 1 → {mine.Count}: {Fmt.Ms(first)} → {Fmt.Ms(last)}, {(drift >= 0 ? "+" : "")}{(drift * 100).ToString("0", CultureInfo.InvariantCulture)}% "
                + $"(target within 20%: **{Verdict(Math.Abs(drift) <= 0.2)}**{(mine.Count < 2 ? ", only one round run" : "")}; "
                + $"as a multiple of each round's /healthz p99: {(relativeDrift >= 0 ? "+" : "")}{(relativeDrift * 100).ToString("0", CultureInfo.InvariantCulture)}%).");
        }

        return md.ToString();
    }

    private static string Verdict(bool met) => met ? "met" : "missed";

    private static int EnvInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;

    private sealed record Row(string Name, int Concurrency, int Round, LoadResult Result, double RedisPerCommand, string Breakdown);
}
