using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ChatOpsBot.Testing;

/// <summary>
/// The plumbing every child process the tests and the benchmarks start shares (the bot as its own process,
/// prometheus-alertmanager, the bench floor host): a free loopback port, waiting for its readiness endpoint,
/// stopping it. One source file, linked into tests/ChatOpsBot.Tests and bench/ChatOpsBot.Benchmarks.
/// </summary>
internal static class LoopbackProcess
{
    public enum Readiness
    {
        Ready,
        Exited,
        TimedOut,
    }

    /// <summary>A loopback port nobody listens on right now (the caller retries if it is taken by the time it binds).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Polls <paramref name="ready"/> every <paramref name="poll"/> until it answers 2xx, the process exits, or <paramref name="timeout"/> passes.</summary>
    public static async Task<Readiness> WaitReadyAsync(Process process, Uri ready, TimeSpan timeout, TimeSpan poll)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var answered = await Poll.UntilAsync(async () => process.HasExited || await AnswersAsync(http, ready), timeout, poll);
        return process.HasExited ? Readiness.Exited : answered ? Readiness.Ready : Readiness.TimedOut;
    }

    private static async Task<bool> AnswersAsync(HttpClient http, Uri ready)
    {
        try
        {
            using var response = await http.GetAsync(ready);
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false; // not listening yet, or too busy starting to answer
        }
    }

    /// <summary>Kills the process and its children (a test or a bench run never needs a graceful stop) and waits for it.</summary>
    public static async Task StopAsync(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        process.Dispose();
    }
}
