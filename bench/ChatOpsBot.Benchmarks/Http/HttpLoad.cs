using System.Diagnostics;

namespace ChatOpsBot.Benchmarks.Http;

/// <summary>
/// A closed-loop load generator: <c>concurrency</c> clients, each sending its next request as soon as the last is
/// answered, over one pooled HttpClient. Latency is measured per request from send to the whole body read.
/// </summary>
internal static class HttpLoad
{
    public static async Task<LoadResult> RunAsync(HttpClient http, int count, int concurrency, Func<int, HttpRequestMessage> create)
    {
        var latencies = new double[count];
        var statuses = new int[count];
        var deferred = 0;
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
                    var body = await response.Content.ReadAsStringAsync();
                    statuses[i] = (int)response.StatusCode;
                    if (body.Contains("Working on it", StringComparison.Ordinal))
                    {
                        Interlocked.Increment(ref deferred); // acknowledged, but the command outlasted the 2 s budget
                    }
                }
                catch (HttpRequestException)
                {
                    statuses[i] = -1;
                }

                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }));
        wall.Stop();
        return new LoadResult(latencies, statuses.Count(s => s != 200), deferred, wall.Elapsed);
    }
}

/// <summary>The same closed loop for a fixed time instead of a fixed count (the sustained-load scenario).</summary>
internal static class TimedLoad
{
    /// <summary><paramref name="create"/> gets a number unique across every call of this process, for distinct commands.</summary>
    public static async Task<LoadResult> RunForAsync(HttpClient http, TimeSpan duration, int concurrency, Func<long, HttpRequestMessage> create)
    {
        var perClient = new List<double>[concurrency];
        var failures = 0;
        var deferred = 0;
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async c =>
        {
            var latencies = perClient[c] = new List<double>(4096);
            while (wall.Elapsed < duration)
            {
                using var request = create(Interlocked.Increment(ref _sequence));
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.SendAsync(request);
                    var body = await response.Content.ReadAsStringAsync();
                    if (response.StatusCode != System.Net.HttpStatusCode.OK)
                    {
                        Interlocked.Increment(ref failures);
                    }
                    else if (body.Contains("Working on it", StringComparison.Ordinal))
                    {
                        Interlocked.Increment(ref deferred);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref failures);
                }

                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }));
        wall.Stop();
        return new LoadResult([.. perClient.SelectMany(l => l)], failures, deferred, wall.Elapsed);
    }

    private static long _sequence = 10_000_000;
}

internal sealed class LoadResult(double[] latencies, int failures, int deferred, TimeSpan elapsed)
{
    public double[] Latencies { get; } = latencies;

    public int Failures { get; } = failures;

    public int Deferred { get; } = deferred;

    public TimeSpan Elapsed { get; } = elapsed;

    /// <summary>Several rounds pooled: every latency, and throughput as all requests over all the time spent.</summary>
    public static LoadResult Pool(IReadOnlyList<LoadResult> rounds) =>
        new([.. rounds.SelectMany(r => r.Latencies)], rounds.Sum(r => r.Failures), rounds.Sum(r => r.Deferred),
            TimeSpan.FromTicks(rounds.Sum(r => r.Elapsed.Ticks)));

    public int Count => Latencies.Length;

    public double Throughput => Count / Elapsed.TotalSeconds;

    public double P50 => Percentile(0.50);

    public double P99 => Percentile(0.99);

    public double Max => Latencies.Max();

    private double Percentile(double p)
    {
        var sorted = Latencies.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
