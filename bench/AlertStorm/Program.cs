using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

// Alert storm: N Alertmanager webhook posts across G groups at concurrency C against a running bot, after a
// baseline of N GET /healthz at the same concurrency, so the numbers say what alert intake costs on this machine.
// Usage: dotnet run -c Release --project bench/AlertStorm -- <bot-url> <alertmanager-bearer-token> [posts=1000] [groups=50] [concurrency=32] [api-token]
if (args.Length < 2)
{
    Console.Error.WriteLine("Usage: AlertStorm <bot-url> <alertmanager-bearer-token> [posts=1000] [groups=50] [concurrency=32] [api-token]");
    return 2;
}

var bot = new Uri(args[0]);
var token = args[1];
var posts = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1000;
var groups = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 50;
var concurrency = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 32;
var apiToken = args.Length > 5 ? args[5] : null;
var run = Guid.NewGuid().ToString("N")[..8];
var startsAt = TimeProvider.System.GetUtcNow().AddMinutes(-5);

using var http = new HttpClient { BaseAddress = bot, Timeout = TimeSpan.FromSeconds(60) };
if (apiToken is not null)
{
    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiToken);
}

var before = await CountIncidentsAsync();
await RunAsync("warm-up", 50, _ => new HttpRequestMessage(HttpMethod.Get, "/healthz"));
var baseline = await RunAsync("baseline GET /healthz", posts, _ => new HttpRequestMessage(HttpMethod.Get, "/healthz"));
var storm = await RunAsync("storm POST /webhooks/alertmanager", posts, i =>
{
    // Post i goes to group i % G; each group's notifications grow from 1 to 3 alerts, as a real group does.
    var group = i % groups;
    var alertCount = 1 + (i / groups % 3);
    var alerts = Enumerable.Range(0, alertCount).Select(a => new
    {
        status = "firing",
        labels = new Dictionary<string, string> { ["alertname"] = $"Storm{run}-{group}", ["instance"] = $"web-{a}", ["severity"] = "critical" },
        annotations = new Dictionary<string, string> { ["summary"] = $"Storm {run} group {group}" },
        startsAt,
        endsAt = "0001-01-01T00:00:00Z",
        generatorURL = "http://prometheus.example.com/graph",
        fingerprint = $"{run}{group:x4}{a:x4}",
    });
    var body = new
    {
        version = "4",
        groupKey = $"{{}}:{{alertname=\"Storm{run}-{group}\"}}",
        status = "firing",
        receiver = "chatopsbot",
        groupLabels = new { alertname = $"Storm{run}-{group}" },
        commonLabels = new { alertname = $"Storm{run}-{group}", severity = "critical" },
        commonAnnotations = new { summary = $"Storm {run} group {group}" },
        externalURL = "http://alertmanager:9093",
        truncatedAlerts = 0,
        alerts,
    };
    var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/alertmanager") { Content = JsonContent.Create(body) };
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    return request;
});
var after = await CountIncidentsAsync();

Console.WriteLine();
Console.WriteLine($"incidents created: {after - before} (expected {groups})");
Console.WriteLine($"storm/baseline: throughput {storm.Throughput / baseline.Throughput:P0}, p50 {storm.P50 / baseline.P50:F1}x, p99 {storm.P99 / baseline.P99:F1}x");
var ok = after - before == groups && storm.ServerErrors == 0 && storm.Failures == 0;
Console.WriteLine(ok ? "PASS" : "FAIL");
return ok ? 0 : 1;

async Task<int> CountIncidentsAsync() => (await http.GetFromJsonAsync<JsonElement>("/api/incidents")).GetArrayLength();

async Task<Result> RunAsync(string name, int count, Func<int, HttpRequestMessage> create)
{
    var latencies = new double[count];
    var statuses = new int[count];
    var next = -1;
    var wall = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < count)
        {
            using var request = create(i);
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var response = await http.SendAsync(request);
                statuses[i] = (int)response.StatusCode;
            }
            catch (HttpRequestException)
            {
                statuses[i] = -1;
            }

            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
    }));
    wall.Stop();
    Array.Sort(latencies);
    var result = new Result(count / wall.Elapsed.TotalSeconds, Percentile(latencies, 0.50), Percentile(latencies, 0.99), latencies[^1],
        statuses.Count(s => s >= 500), statuses.Count(s => s < 0), statuses.Count(s => s is >= 400 and < 500));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name,-36} {count} requests, concurrency {concurrency}: {result.Throughput,8:F0} req/s  p50 {result.P50,7:F1} ms  p99 {result.P99,7:F1} ms  max {result.Max,7:F1} ms  5xx {result.ServerErrors}  4xx {result.ClientErrors}  failed {result.Failures}"));
    return result;
}

static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

internal sealed record Result(double Throughput, double P50, double P99, double Max, int ServerErrors, int Failures, int ClientErrors);
