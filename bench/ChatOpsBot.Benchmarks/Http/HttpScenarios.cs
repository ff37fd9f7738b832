using System.Globalization;
using System.Text.Json;
using ChatOpsBot.Testing;
using StackExchange.Redis;

namespace ChatOpsBot.Benchmarks.Http;

/// <summary>
/// Scenarios 5 (start-up), 1 (slash-command acknowledgement), 6 (alert storm) and 4 (memory) against the host started as its own
/// process in Release, on Redis, with Slack on and its Web API answered by <see cref="SlackStub"/>. Each writes a
/// Markdown fragment into the output folder.
/// </summary>
internal sealed class HttpScenarios(string hostAssembly, string redisConnection, string outputDirectory, string logDirectory)
{
    public const string SigningSecret = "bench-signing-secret-0123456789abcdef";

    private const int StartRounds = 5;
    private const int SlashRounds = 3;

    private SlackStub _stub = null!;
    private (long Host, long Floor) _idleRss;

    public async Task<int> RunAsync()
    {
        await using var stub = _stub = await SlackStub.StartAsync();
        // BENCH_SCENARIOS (e.g. "7,6") runs only those, when a full run does not fit the time there is.
        var only = (Environment.GetEnvironmentVariable("BENCH_SCENARIOS") ?? "5,1,7,6,4").Split(',', StringSplitOptions.TrimEntries);
        var ok = true;
        if (only.Contains("5"))
        {
            await StartupAsync();
        }

        ok &= !only.Contains("1") || await SlashCommandsAsync();
        ok &= !only.Contains("7") || await SustainedAsync();
        ok &= !only.Contains("6") || await AlertStormAsync();
        ok &= !only.Contains("4") || await MemoryAsync();
        return ok ? 0 : 1;
    }

    /// <summary>Scenario 5: process start to the first /readyz 200, the bot against a bare minimal-API host; and both idle RSS.</summary>
    private async Task StartupAsync()
    {
        var floorAssembly = typeof(HttpScenarios).Assembly.Location;
        var bot = new List<(double Seconds, long Rss)>();
        var floor = new List<(double Seconds, long Rss)>();
        for (var round = 0; round < StartRounds; round++)
        {
            floor.Add(await StartOnceAsync(floorAssembly, ["floor-host"], FloorHostSettings()));
            bot.Add(await StartOnceAsync(hostAssembly, [], BotSettings()));
            System.Console.WriteLine($"start-up round {round + 1}: floor {floor[^1].Seconds * 1000:F0} ms, bot {bot[^1].Seconds * 1000:F0} ms");
        }

        var botMedian = Median(bot.Select(b => b.Seconds));
        var floorMedian = Median(floor.Select(f => f.Seconds));
        _idleRss = ((long)Median(bot.Select(b => (double)b.Rss)), (long)Median(floor.Select(f => (double)f.Rss)));

        var md = new Markdown();
        md.Line("## 5. Start-up");
        md.Line();
        md.Line($"Process start (`dotnet ChatOpsBot.dll`, Release, Production environment, Redis, Slack on) to the first `/readyz` 200, polled every 5 ms; {StartRounds} starts each, alternating. "
            + "Baseline: a bare minimal-API host (`WebApplication.CreateBuilder`, a `/readyz` that answers 200, server GC like the bot) started the same way.");
        md.Line();
        md.Row(["Host", "Median", "Min", "Max", "Ratio (median)"]);
        md.Row(["---", "---:", "---:", "---:", "---:"]);
        md.Row(["bare minimal API (baseline)", Fmt.Ms(floorMedian * 1000), Fmt.Ms(floor.Min(f => f.Seconds) * 1000), Fmt.Ms(floor.Max(f => f.Seconds) * 1000), "1.00×"]);
        md.Row(["ChatOpsBot", Fmt.Ms(botMedian * 1000), Fmt.Ms(bot.Min(f => f.Seconds) * 1000), Fmt.Ms(bot.Max(f => f.Seconds) * 1000), Fmt.Ratio(botMedian / floorMedian)]);
        await File.WriteAllTextAsync(Path.Combine(outputDirectory, "5-startup.md"), md.ToString());
    }

    private async Task<(double Seconds, long Rss)> StartOnceAsync(string assembly, string[] arguments, Dictionary<string, string> settings)
    {
        // Readiness polled every 5 ms: this scenario reports the time to it.
        await using var host = await HostProcess.StartAsync(assembly, arguments, settings, logDirectory, TimeSpan.FromMilliseconds(5));
        // Idle: after start-up work (JIT, the first sweep, default channels) has settled.
        await Task.Delay(TimeSpan.FromSeconds(3));
        return (host.StartToReady.TotalSeconds, host.ReadMemory().Rss);
    }

    /// <summary>Scenario 1: signed /incident note and declare through Kestrel, against POST /bench/floor in the same host.</summary>
    private async Task<bool> SlashCommandsAsync()
    {
        await using var host = await HostProcess.StartAsync(hostAssembly, [], BotSettings(), logDirectory);
        using var http = Client(host);
        var slash = new SlashCommands(SigningSecret, new Uri(_stub.ApiBaseUrl, "/response-url/T0BENCH/B0BENCH/bench").ToString());

        using (var declared = await http.SendAsync(slash.Post("/slack/commands", "declare sev2 Checkout is failing (benchmark notes target)", 0)))
        {
            declared.EnsureSuccessStatusCode();
        }

        var target = (await IncidentNumbersAsync(http)).Max();
        var cases = new (string Name, string Path, Func<int, string> Text, int PerClient1, int PerClient32)[]
        {
            ("POST /bench/floor (baseline)", "/bench/floor", i => $"INC-{target} note Floor request {i}", 1000, 3000),
            ($"/incident note (one incident, INC-{target})", "/slack/commands", i => $"INC-{target} note Observation {i}: p99 back under 300 ms on pod-{i % 40}", 1000, 3000),
            ("/incident declare", "/slack/commands", i => $"declare sev3 Benchmark incident {i} checkout latency", 200, 600),
        };

        System.Console.WriteLine("slash: warm-up");
        foreach (var (_, path, text, _, _) in cases)
        {
            await HttpLoad.RunAsync(http, 300, 8, i => slash.Post(path, text(i), i));
        }

        await _stub.WaitQuietAsync(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));

        var results = new Dictionary<(string, int), List<LoadResult>>();
        var sequence = 1_000_000;
        foreach (var concurrency in new[] { 1, 32 })
        {
            for (var round = 0; round < SlashRounds; round++)
            {
                foreach (var (name, path, text, count1, count32) in cases)
                {
                    var first = sequence;
                    var count = concurrency == 1 ? count1 : count32;
                    sequence += count;
                    var result = await HttpLoad.RunAsync(http, count, concurrency, i => slash.Post(path, text(first + i), first + i));
                    System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"slash: {name,-45} c={concurrency,-2} {result.Throughput,8:F0} req/s p50 {result.P50,6:F2} ms p99 {result.P99,6:F2} ms non-200 {result.Failures}"));
                    if (!results.TryGetValue((name, concurrency), out var list))
                    {
                        results[(name, concurrency)] = list = [];
                    }

                    list.Add(result);
                    // Each declare sets the reconciler going (channel, invites, topic, kick-off, announcement):
                    // let it finish so it does not weigh on the next case.
                    var settled = await _stub.WaitQuietAsync(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(60));
                    if (settled > TimeSpan.FromSeconds(1))
                    {
                        System.Console.WriteLine($"slash: reconciler settled after {settled.TotalSeconds:F1} s");
                    }
                }
            }
        }

        var md = new Markdown();
        md.Line("## 1. Slash-command acknowledgement");
        md.Line();
        md.Line("Signed `/slack/commands` posts through Kestrel → signature check → form parse → command parse → append to Redis → ephemeral ack, "
            + $"against `POST /bench/floor` in the same host (a minimal-API endpoint that only returns 200; same signed bytes, same middleware). "
            + $"Closed loop: each client sends its next request when the last is answered. {SlashRounds} rounds per case, interleaved with the others, pooled. "
            + "Notes all go to one incident (everyone typing into the same incident at once); every declare opens a new incident, whose chat steps the reconciler then "
            + "performs against the local Slack stub (waited out between cases). The host logs every request (Serilog, compact JSON, to a file), as in production.");
        md.Line();
        md.Row(["Endpoint", "Clients", "Requests", "p50", "p99", "Max", "Req/s", "p50 ratio", "p99 ratio", "Req/s ratio", "Non-200", "Deferred acks"]);
        md.Row(["---", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:"]);
        var ok = true;
        var verdicts = new List<string>();
        foreach (var concurrency in new[] { 1, 32 })
        {
            var floor = LoadResult.Pool(results[(cases[0].Name, concurrency)]);
            foreach (var (name, _, _, _, _) in cases)
            {
                var r = LoadResult.Pool(results[(name, concurrency)]);
                ok &= r.Failures == 0;
                md.Row([name, concurrency.ToString(CultureInfo.InvariantCulture), Fmt.Int(r.Count), Fmt.Ms(r.P50), Fmt.Ms(r.P99), Fmt.Ms(r.Max), Fmt.PerSecond(r.Throughput),
                    Fmt.Ratio(r.P50 / floor.P50), Fmt.Ratio(r.P99 / floor.P99), Fmt.Ratio(r.Throughput / floor.Throughput),
                    Fmt.Int(r.Failures), Fmt.Int(r.Deferred)]);
                if (concurrency == 32 && name != cases[0].Name)
                {
                    var under10 = r.P99 < 10;
                    var within3 = r.P99 <= 3 * floor.P99;
                    verdicts.Add($"- {name} at 32 clients: p99 {Fmt.Ms(r.P99)} (target < 10 ms: **{(under10 ? "met" : "missed")}**"
                        + (under10 ? "" : $", {Fmt.Ratio(r.P99 / 10)} the target")
                        + $"), {Fmt.Ratio(r.P99 / floor.P99)} the floor's p99 of {Fmt.Ms(floor.P99)} (target ≤ 3×: **{(within3 ? "met" : "missed")}**).");
                }
            }
        }

        md.Line();
        md.Line("Ratios are against the floor endpoint at the same number of clients. Targets:");
        md.Line();
        foreach (var verdict in verdicts)
        {
            md.Line(verdict);
        }

        var noteRounds = results[(cases[1].Name, 1)].Select(r => Fmt.Ms(r.P50));
        var noteFloor = LoadResult.Pool(results[(cases[1].Name, 1)]).P50;
        var declareP50 = LoadResult.Pool(results[(cases[2].Name, 1)]).P50;
        md.Line();
        md.Line($"Notes into one incident, p50 at 1 client by round: {string.Join(", ", noteRounds)} (the incident's timeline grows by "
            + $"{Fmt.Int(cases[1].PerClient1)} notes a round at 1 client, after 300 warm-up notes), against {Fmt.Ms(declareP50)} for a declare, which also appends to Redis. "
            + "A note cost that rose round by round while a declare stays flat would mean its cost follows the timeline's length; flat rounds mean it does not. "
            + "At 32 clients into one incident the notes queue on `IncidentService`'s per-incident gate (one append to that incident at a time, "
            + "so no append loses the optimistic-concurrency race), so a note's p99 is about as many service times as there are clients ahead of it. "
            + $"(Pooled note p50 at 1 client: {Fmt.Ms(noteFloor)}.)");
        await File.WriteAllTextAsync(Path.Combine(outputDirectory, "1-slash-commands.md"), md.ToString());
        return ok;
    }

    /// <summary>Scenario 7: sustained load, on a fresh host of its own.</summary>
    private async Task<bool> SustainedAsync()
    {
        await using var host = await HostProcess.StartAsync(hostAssembly, [], BotSettings(), logDirectory);
        using var http = Client(host);
        var slash = new SlashCommands(SigningSecret, new Uri(_stub.ApiBaseUrl, "/response-url/T0BENCH/B0BENCH/bench").ToString());
        using (var declared = await http.SendAsync(slash.Post("/slack/commands", "declare sev2 Checkout is failing (sustained notes target)", 0)))
        {
            declared.EnsureSuccessStatusCode();
        }

        var target = (await IncidentNumbersAsync(http)).Max();
        System.Console.WriteLine("sustained: warm-up");
        await HttpLoad.RunAsync(http, 2000, 32, i => slash.Post("/slack/commands", $"INC-{target} note Warm-up {i}", 900_000 + i));
        await HttpLoad.RunAsync(http, 2000, 32, i => slash.Post("/bench/floor/xadd", $"INC-{target} note Warm-up {i}", 900_000 + i));
        await _stub.WaitQuietAsync(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        return await new SustainedScenario(http, slash, redisConnection, target).RunAsync(Path.Combine(outputDirectory, "7-sustained.md"));
    }

    /// <summary>Scenario 6: the alert storm, on a fresh host of its own.</summary>
    private async Task<bool> AlertStormAsync()
    {
        await using var host = await HostProcess.StartAsync(hostAssembly, [], BotSettings(), logDirectory);
        using var http = Client(host);
        // Not measured: a fresh process's first wave pays for JIT and first-use set-up (the slowest requests of an unwarmed
        // storm are all among its first 32); the storm's 50 groups are still all new to the bot.
        await AlertStormScenario.WarmUpAsync(http);
        await _stub.WaitQuietAsync(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        // From here the stub enforces Slack's tier limits with 429s, as Slack would.
        _stub.ResetStorm();
        _stub.Limits = new SlackTierLimits();
        try
        {
            return await AlertStormScenario.RunAsync(http, _stub, Path.Combine(outputDirectory, "6-alert-storm.md"));
        }
        finally
        {
            _stub.Limits = null;
        }
    }

    /// <summary>Scenario 4: RSS of the idle bot, and after N incidents of E commands each through the Slack endpoint.</summary>
    private async Task<bool> MemoryAsync()
    {
        var incidents = EnvInt("BENCH_MEMORY_INCIDENTS", 10_000);
        var perIncident = EnvInt("BENCH_MEMORY_EVENTS", 50);
        var prefix = $"bench-memory-{Guid.NewGuid():N}";
        await using var host = await HostProcess.StartAsync(hostAssembly, [], BotSettings(prefix), logDirectory);
        using var http = Client(host);
        var slash = new SlashCommands(SigningSecret, new Uri(_stub.ApiBaseUrl, "/response-url/T0BENCH/B0BENCH/bench").ToString());
        await Task.Delay(TimeSpan.FromSeconds(3));
        var idle = host.ReadMemory();

        System.Console.WriteLine($"memory: declaring {incidents} incidents");
        var declares = await HttpLoad.RunAsync(http, incidents, 32, i => slash.Post("/slack/commands", $"declare sev3 Memory incident {i} payments degraded", i));
        var numbers = (await IncidentNumbersAsync(http)).Order().ToList();
        var notesPer = perIncident - 1;
        System.Console.WriteLine($"memory: {numbers.Count} incidents; {numbers.Count * notesPer} notes");
        // Round-robin over the incidents, so 32 clients are rarely in the same incident (the one-incident case is scenario 1).
        var notes = await HttpLoad.RunAsync(http, numbers.Count * notesPer, 32, i =>
            slash.Post("/slack/commands", $"INC-{numbers[i % numbers.Count]} note Memory observation {i / numbers.Count}: queue depth {i % 977}, retrying card auths", i));
        var settled = await _stub.WaitQuietAsync(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(120));
        await Task.Delay(TimeSpan.FromSeconds(3));
        var loaded = host.ReadMemory();

        long events;
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(redisConnection))
        {
            var db = redis.GetDatabase();
            var keys = new ChatOpsBot.Storage.RedisKeys(prefix);
            var lengths = await Task.WhenAll(numbers.Select(n => db.StreamLengthAsync(keys.Events(n))));
            events = lengths.Sum();
        }

        var md = new Markdown();
        md.Line("## 4. Memory");
        md.Line();
        md.Line($"VmRSS from `/proc/<pid>/status` of the bot (Release, server GC — the Web SDK default — on 2 cores, Redis, Slack on). "
            + $"Idle: 3 s after `/readyz` answered (median of the {StartRounds} start-up runs). Loaded: a fresh bot after {Fmt.Int(numbers.Count)} incidents were declared through "
            + $"`/slack/commands` and given {notesPer} notes each ({Fmt.Int(declares.Count + notes.Count)} signed requests at 32 clients, "
            + $"{Fmt.PerSecond((declares.Count + notes.Count) / (declares.Elapsed + notes.Elapsed).TotalSeconds)}, p99 {Fmt.Ms(LoadResult.Pool([declares, notes]).P99)}, "
            + $"non-200: {declares.Failures + notes.Failures}), once the reconciler had finished (it settled {settled.TotalSeconds:F0} s after the last request), plus 3 s. "
            + $"The timelines then held {Fmt.Int(events)} events ({(double)events / Math.Max(1, numbers.Count):F1} per incident: the commands' events and the reconciler's chat steps). "
            + "Baseline: a bare minimal-API host, idle, same GC settings.");
        md.Line();
        md.Row(["Process", "VmRSS", "Ratio", "Peak (VmHWM)"]);
        md.Row(["---", "---:", "---:", "---:"]);
        md.Row(["bare minimal API, idle (baseline)", Fmt.Mb(_idleRss.Floor), "1.00×", ""]);
        md.Row(["ChatOpsBot, idle", Fmt.Mb(_idleRss.Host), Fmt.Ratio((double)_idleRss.Host / _idleRss.Floor), ""]);
        md.Row(["ChatOpsBot, idle (the host loaded below, before the load)", Fmt.Mb(idle.Rss), Fmt.Ratio((double)idle.Rss / _idleRss.Floor), Fmt.Mb(idle.Peak)]);
        md.Row([$"ChatOpsBot after {Fmt.Int(numbers.Count)} incidents × {perIncident} commands", Fmt.Mb(loaded.Rss), Fmt.Ratio((double)loaded.Rss / _idleRss.Floor), Fmt.Mb(loaded.Peak)]);
        md.Line();
        md.Line($"Target: idle RSS under 150 MB — measured {Fmt.Mb(_idleRss.Host)}: **{(_idleRss.Host < 150L * 1024 * 1024 ? "met" : "missed")}**. "
            + $"Growth under load: {Fmt.Mb(loaded.Rss - idle.Rss)}, about {Fmt.Bytes((loaded.Rss - idle.Rss) / Math.Max(1, numbers.Count))} per incident "
            + "(each replica keeps every incident's folded state in memory, by design, so commands never re-read a timeline).");
        await File.WriteAllTextAsync(Path.Combine(outputDirectory, "4-memory.md"), md.ToString());
        return declares.Failures + notes.Failures == 0;
    }

    private Dictionary<string, string> BotSettings(string? prefix = null) => new()
    {
        ["Storage:Provider"] = "Redis",
        ["Redis:ConnectionString"] = redisConnection,
        ["Redis:KeyPrefix"] = prefix ?? $"bench-{Guid.NewGuid():N}",
        ["Slack:SigningSecret"] = SigningSecret,
        ["Slack:BotToken"] = "xoxb-bench-token",
        ["Slack:StakeholderChannel"] = "C0STAKE",
        ["Slack:ApiBaseUrl"] = _stub.ApiBaseUrl.ToString(),
        ["Bench:FloorEndpoint"] = "true",
        ["Webhooks:Alertmanager:BearerToken"] = AlertStormScenario.BearerToken,
    };

    private static Dictionary<string, string> FloorHostSettings() => new() { ["DOTNET_gcServer"] = "1" };

    private static HttpClient Client(HostProcess host) =>
        new(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan, MaxConnectionsPerServer = 256 })
        {
            BaseAddress = host.Address,
            Timeout = TimeSpan.FromSeconds(30),
        };

    private static async Task<List<int>> IncidentNumbersAsync(HttpClient http)
    {
        using var document = JsonDocument.Parse(await http.GetStringAsync("/api/incidents?status=all"));
        return [.. document.RootElement.EnumerateArray().Select(e => e.GetProperty("number").GetInt32())];
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static int EnvInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
}
