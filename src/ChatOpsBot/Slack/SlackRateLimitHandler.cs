using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Slack;

/// <summary>
/// The innermost handler of the Slack Web API client: each attempt (retries too) first takes a token from its method's
/// bucket (<see cref="SlackRateLimitOptions.PerMinute"/>) and, for chat.postMessage, from its channel's bucket, waiting
/// in line when there is none. A 429 that gets through anyway pauses that bucket for its Retry-After, so the calls
/// queued behind it do not collect 429s of their own; the retry pipeline outside waits Retry-After for the call itself.
/// </summary>
public sealed class SlackRateLimitHandler(SlackRateLimits limits) : DelegatingHandler
{
    private const string PostMessage = "chat.postMessage";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var method = request.RequestUri?.Segments.LastOrDefault() ?? "";
        var buckets = new List<SlackRateLimits.Bucket>(2);
        if (limits.ForMethod(method) is { } methodBucket)
        {
            buckets.Add(methodBucket);
        }

        if (method == PostMessage && await ChannelOfAsync(request, cancellationToken) is { } channel && limits.ForChannel(channel) is { } channelBucket)
        {
            buckets.Add(channelBucket);
        }

        // A token is spent by the call, never given back: the buckets count calls, not calls in flight.
        foreach (var bucket in buckets)
        {
            if (!await bucket.AcquireAsync(cancellationToken))
            {
                // More waiting than the queue holds: answer as Slack would, and let the retry pipeline come back.
                return new HttpResponseMessage(HttpStatusCode.TooManyRequests) { RequestMessage = request, Headers = { RetryAfter = new(TimeSpan.FromSeconds(1)) } };
            }
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
            buckets.ForEach(b => b.PauseFor(wait));
        }

        return response;
    }

    private static async Task<string?> ChannelOfAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is null)
        {
            return null;
        }

        // Refit's JSON body; buffered so it is still there to send.
        await request.Content.LoadIntoBufferAsync(cancellationToken);
        try
        {
            using var json = JsonDocument.Parse(await request.Content.ReadAsByteArrayAsync(cancellationToken));
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("channel", out var c) && c.ValueKind == JsonValueKind.String
                ? c.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>
/// The token buckets, one per limited method and one per channel posted to. Tokens are added by timers on the host's
/// <see cref="TimeProvider"/> (not the limiters' own), so a test with a fake clock decides when the next call may go.
/// </summary>
public sealed class SlackRateLimits : IDisposable
{
    private readonly SlackRateLimitOptions _options;
    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<string, Bucket> _methods = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Bucket> _channels = new(StringComparer.Ordinal);

    public SlackRateLimits(IOptions<SlackOptions> options, TimeProvider clock)
    {
        _options = options.Value.RateLimits;
        _clock = clock;
    }

    /// <summary>The method's bucket, or null when it is not limited.</summary>
    public Bucket? ForMethod(string method) =>
        _options.Enabled && _options.PerMinute.TryGetValue(method, out var perMinute) && perMinute > 0
            ? _methods.GetOrAdd(method, _ => new Bucket(_clock, 1, TimeSpan.FromMinutes(1) / perMinute, _options.QueueLimit))
            : null;

    /// <summary>The channel's chat.postMessage bucket, or null when posting is not limited.</summary>
    public Bucket? ForChannel(string channel) =>
        _options.Enabled && _options.PostMessagePerChannelPerSecond > 0
            ? _channels.GetOrAdd(channel, _ => new Bucket(_clock, Math.Max(1, _options.PostMessageBurst),
                TimeSpan.FromSeconds(1 / _options.PostMessagePerChannelPerSecond), _options.QueueLimit))
            : null;

    public void Dispose()
    {
        foreach (var bucket in _methods.Values.Concat(_channels.Values))
        {
            bucket.Dispose();
        }
    }

    /// <summary>
    /// One token bucket: <c>burst</c> calls at once, then one per <c>period</c>; waiters are served oldest first.
    /// The tokens are a SemaphoreSlim topped up by a timer on the host's clock. (TokenBucketRateLimiter with manual
    /// replenishment still measures elapsed real time to decide how many tokens to add, so it cannot follow a fake
    /// clock in tests and refills a whole burst at once.)
    /// </summary>
    public sealed class Bucket : IDisposable
    {
        private readonly TimeProvider _clock;
        private readonly int _burst;
        private readonly int _queueLimit;
        private readonly SemaphoreSlim _tokens;
        private readonly ITimer _timer;
        private long _pausedUntilTicks;
        private long _waiting;

        public Bucket(TimeProvider clock, int burst, TimeSpan period, int queueLimit)
        {
            _clock = clock;
            _burst = burst;
            _queueLimit = queueLimit;
            _tokens = new SemaphoreSlim(burst, burst);
            _timer = clock.CreateTimer(_ => Replenish(), null, period, period);
        }

        /// <summary>Calls waiting for a token right now.</summary>
        public long Waiting => Interlocked.Read(ref _waiting);

        /// <summary>Waits for a token; false when more calls already wait than the queue holds.</summary>
        public async ValueTask<bool> AcquireAsync(CancellationToken cancellationToken)
        {
            // Slack said when to come back: nobody in this bucket goes before then.
            var pause = new DateTimeOffset(Interlocked.Read(ref _pausedUntilTicks), TimeSpan.Zero) - _clock.GetUtcNow();
            if (pause > TimeSpan.Zero)
            {
                await Task.Delay(pause, _clock, cancellationToken);
            }

            if (_tokens.Wait(0, CancellationToken.None))
            {
                return true;
            }

            if (Interlocked.Increment(ref _waiting) > _queueLimit)
            {
                Interlocked.Decrement(ref _waiting);
                return false;
            }

            try
            {
                await _tokens.WaitAsync(cancellationToken);
                return true;
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }
        }

        public void PauseFor(TimeSpan wait)
        {
            var until = (_clock.GetUtcNow() + wait).UtcTicks;
            long seen;
            while ((seen = Interlocked.Read(ref _pausedUntilTicks)) < until && Interlocked.CompareExchange(ref _pausedUntilTicks, until, seen) != seen)
            {
            }
        }

        private void Replenish()
        {
            if (new DateTimeOffset(Interlocked.Read(ref _pausedUntilTicks), TimeSpan.Zero) > _clock.GetUtcNow())
            {
                return;
            }

            lock (_tokens)
            {
                if (_tokens.CurrentCount < _burst)
                {
                    _tokens.Release();
                }
            }
        }

        public void Dispose()
        {
            _timer.Dispose();
            _tokens.Dispose();
        }
    }
}
