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

    public static async Task<SlackStub> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var stub = new SlackStub(app);
        app.Map("/api/{method}", (string method) => Results.Content(stub.Answer(method), "application/json"));
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
