using System.Diagnostics;
using ChatOpsBot.Testing;
using ChatOpsBot.Tests.Support;

namespace ChatOpsBot.Tests.Reliability.Support;

/// <summary>
/// A redis-server of one test's own, which the test may freeze (SIGSTOP), thaw, stop and start again on the same
/// port and data directory. Persistence as the README asks of production: AOF with appendfsync everysec.
/// </summary>
public sealed class OwnRedisServer : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("chatopsbot-own-redis-").FullName;
    private Process? _process;

    public int Port { get; } = LoopbackProcess.FreePort();

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<OwnRedisServer> StartAsync()
    {
        var server = new OwnRedisServer();
        await server.StartAgainAsync();
        return server;
    }

    public async Task StartAgainAsync()
    {
        var start = new ProcessStartInfo("redis-server") { UseShellExecute = false, WorkingDirectory = _directory };
        foreach (var arg in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "",
                     "--appendonly", "yes", "--appendfsync", "everysec", "--dir", _directory, "--logfile", Path.Combine(_directory, "redis.log") })
        {
            start.ArgumentList.Add(arg);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        if (await RedisServerFixture.WaitForPongAsync(_process, Port))
        {
            return;
        }

        throw new TimeoutException($"redis-server did not listen on {Port}.");
    }

    /// <summary>SIGSTOP: connections stay open and commands pile up unanswered, as when a host stalls.</summary>
    public Task FreezeAsync() => SignalAsync("STOP");

    public Task ThawAsync() => SignalAsync("CONT");

    /// <summary>SIGTERM: Redis writes its AOF and exits, as in a rolling restart.</summary>
    public async Task StopAsync()
    {
        await SignalAsync("TERM");
        await _process!.WaitForExitAsync();
    }

    private async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, _process!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            await ThawAsync();
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
