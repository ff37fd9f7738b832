using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOpsBot.Benchmarks.Http;

/// <summary>
/// Plays https://slack.com/api/ on 127.0.0.1 for the host under test, so the reconciler's Web API calls
/// (conversations.create, invite, setTopic, chat.postMessage, ...) never leave the machine. Every method answers
/// {"ok":true,...} with the fields the bot reads. Counts calls, so a run can wait for the reconciler to settle.
/// </summary>
internal sealed class SlackStub : IAsyncDisposable
{
    private readonly WebApplication _app;
    private long _calls;
    private long _lastCall = Environment.TickCount64;

    private SlackStub(WebApplication app) => _app = app;

    public Uri ApiBaseUrl { get; private set; } = null!;

    public long Calls => Interlocked.Read(ref _calls);

    /// <summary>When set, the stub answers 429 with Retry-After beyond Slack's tier limits, as Slack does.</summary>
    public SlackTierLimits? Limits { get; set; }

    private long _rateLimited;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _postedTo = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _created = new(StringComparer.Ordinal);

    public long RateLimited => Interlocked.Read(ref _rateLimited);

    /// <summary>Channel ids the stub created since <see cref="ResetStorm"/>, and when each first got a message (TickCount64), or null.</summary>
    public IReadOnlyList<(string Channel, long? FirstPost)> CreatedChannels() =>
        [.. _created.Keys.Select(json => System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("channel").GetProperty("id").GetString()!)
            .Select(id => (id, _postedTo.TryGetValue(id, out var t) ? (long?)t : null))];

    public void ResetStorm()
    {
        Interlocked.Exchange(ref _rateLimited, 0);
        _postedTo.Clear();
        _created.Clear();
    }

    private static async Task<string?> ChannelOfAsync(HttpRequest request)
    {
        try
        {
            using var json = await System.Text.Json.JsonDocument.ParseAsync(request.Body);
            return json.RootElement.TryGetProperty("channel", out var c) ? c.GetString() : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    public static async Task<SlackStub> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var stub = new SlackStub(app);
        app.Map("/api/{method}", async (string method, HttpRequest request) =>
        {
            var channel = method == "chat.postMessage" ? await ChannelOfAsync(request) : null;
            if (stub.Limits?.TryTake(method, channel) is { } retryAfter)
            {
                Interlocked.Increment(ref stub._rateLimited);
                request.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return Results.StatusCode(429);
            }

            var answer = stub.Answer(method);
            if (method == "chat.postMessage" && channel is not null)
            {
                stub._postedTo.TryAdd(channel, Environment.TickCount64);
            }
            else if (method == "conversations.create")
            {
                stub._created.TryAdd(answer, Environment.TickCount64);
            }

            return Results.Content(answer, "application/json");
        });
        app.Map("/response-url/{**rest}", () => Results.Ok());
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        stub.ApiBaseUrl = new Uri(address.TrimEnd('/') + "/api/");
        return stub;
    }

    /// <summary>Waits until no Web API call has arrived for <paramref name="quiet"/> (the reconciler caught up), at most <paramref name="limit"/>.</summary>
    public async Task<TimeSpan> WaitQuietAsync(TimeSpan quiet, TimeSpan limit)
    {
        var started = Environment.TickCount64;
        while (Environment.TickCount64 - Interlocked.Read(ref _lastCall) < quiet.TotalMilliseconds && Environment.TickCount64 - started < limit.TotalMilliseconds)
        {
            await Task.Delay(100);
        }

        return TimeSpan.FromMilliseconds(Environment.TickCount64 - started);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private string Answer(string method)
    {
        var n = Interlocked.Increment(ref _calls);
        Interlocked.Exchange(ref _lastCall, Environment.TickCount64);
        var id = n.ToString(CultureInfo.InvariantCulture);
        return method switch
        {
            "conversations.create" => $$$"""{"ok":true,"channel":{"id":"C{{{id}}}","name":"inc-bench-{{{id}}}"}}""",
            "chat.postMessage" or "chat.update" => $$"""{"ok":true,"channel":"C0BENCH","ts":"1767225600.{{Ts(n)}}"}""",
            "chat.getPermalink" => """{"ok":true,"permalink":"https://bench.invalid/archives/C0BENCH/p1767225600000100"}""",
            "users.info" => """{"ok":true,"user":{"id":"U0BENCH","name":"bench","profile":{"display_name":"Bench"}}}""",
            "conversations.history" or "conversations.replies" => """{"ok":true,"messages":[]}""",
            _ => """{"ok":true}""",
        };
    }

    private static string Ts(long n) => (n % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
}

/// <summary>
/// Slack's limits as the stub enforces them: per method, at most N calls in any sliding minute (Tier 2: 20, Tier 3: 50);
/// chat.postMessage at most 1 a second per channel after a burst of 3 (a token bucket). Answers when to retry, or null.
/// </summary>
internal sealed class SlackTierLimits
{
    private readonly Dictionary<string, int> _perMinute = new(StringComparer.Ordinal)
    {
        ["conversations.create"] = 20,
        ["conversations.setPurpose"] = 20,
        ["conversations.invite"] = 50,
        ["conversations.setTopic"] = 50,
    };

    private readonly Dictionary<string, Queue<long>> _windows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (double Tokens, long At)> _channels = new(StringComparer.Ordinal);

    public TimeSpan? TryTake(string method, string? channel)
    {
        var now = Environment.TickCount64;
        lock (_windows)
        {
            if (_perMinute.TryGetValue(method, out var limit))
            {
                if (!_windows.TryGetValue(method, out var window))
                {
                    _windows[method] = window = new Queue<long>();
                }

                while (window.Count > 0 && now - window.Peek() >= 60_000)
                {
                    window.Dequeue();
                }

                if (window.Count >= limit)
                {
                    return TimeSpan.FromMilliseconds(60_000 - (now - window.Peek()));
                }

                window.Enqueue(now);
            }

            if (method == "chat.postMessage" && channel is not null)
            {
                var (tokens, at) = _channels.TryGetValue(channel, out var b) ? b : (3.0, now);
                tokens = Math.Min(3, tokens + (now - at) / 1000.0);
                if (tokens < 1)
                {
                    _channels[channel] = (tokens, now);
                    return TimeSpan.FromMilliseconds((1 - tokens) * 1000);
                }

                _channels[channel] = (tokens - 1, now);
            }
        }

        return null;
    }
}
