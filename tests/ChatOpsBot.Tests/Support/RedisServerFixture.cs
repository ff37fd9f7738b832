using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ChatOpsBot.Testing;
using StackExchange.Redis;

namespace ChatOpsBot.Tests.Support;

/// <summary>
/// A real, throwaway redis-server on a free loopback port, with persistence off. Shared by every class in the
/// <see cref="RedisCollection"/>; each test keeps out of the others' way with its own <see cref="NewKeyPrefix"/>.
/// </summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"chatopsbot-redis-{Guid.NewGuid():N}");
    private Process? _process;
    private ConnectionMultiplexer? _connection;

    public int Port { get; private set; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>One multiplexer for the whole run, as the app has.</summary>
    public IConnectionMultiplexer Connection => _connection ?? throw new InvalidOperationException("The Redis fixture has not started.");

    /// <summary>A key prefix no other test uses, so tests share the server without seeing each other's keys.</summary>
    public static string NewKeyPrefix() => $"test-{Guid.NewGuid():N}";

    /// <summary>A separate multiplexer, for tests that must show data outlives the client (a "restart").</summary>
    public async Task<ConnectionMultiplexer> ConnectAsync() => await ConnectionMultiplexer.ConnectAsync(ConnectionString);

    public async Task InitializeAsync()
    {
        var executable = FindRedisServer() ?? throw new InvalidOperationException(
            "redis-server was not found (looked at $REDIS_SERVER, /usr/bin/redis-server and PATH). " +
            "The Redis tests need a real server: install it (apt-get install redis-server) or set REDIS_SERVER.");
        Directory.CreateDirectory(_directory);

        // A free port can be taken between asking and binding; a couple of attempts makes that race harmless.
        for (var attempt = 1; ; attempt++)
        {
            Port = LoopbackProcess.FreePort();
            _process = Start(executable, Port, _directory);
            if (await WaitForPongAsync(_process, Port))
            {
                break;
            }

            await StopAsync(_process);
            var log = Path.Combine(_directory, "redis.log");
            var output = File.Exists(log) ? await File.ReadAllTextAsync(log) : "(no log)";
            if (attempt == 3)
            {
                throw new InvalidOperationException($"redis-server did not answer PING on port {Port} within {StartTimeout}: {output}");
            }
        }

        _connection = await ConnectionMultiplexer.ConnectAsync(ConnectionString);
    }

    public async Task DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        if (_process is not null)
        {
            await StopAsync(_process);
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp dir is not worth failing the run over.
        }
    }

    private static string? FindRedisServer()
    {
        var candidates = new List<string?> { Environment.GetEnvironmentVariable("REDIS_SERVER"), "/usr/bin/redis-server" };
        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "redis-server")));
        return candidates.FirstOrDefault(File.Exists);
    }

    private static Process Start(string executable, int port, string directory)
    {
        var start = new ProcessStartInfo(executable)
        {
            // Logs go to a file: an unread redirected pipe would eventually block the server.
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        foreach (var arg in new[] { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", directory, "--logfile", Path.Combine(directory, "redis.log") })
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
    }

    /// <summary>True once redis-server on <paramref name="port"/> answers PING; false if it exits or does not answer in time.</summary>
    internal static async Task<bool> WaitForPongAsync(Process process, int port) =>
        await Poll.UntilAsync(async () => process.HasExited || await PongsAsync(port), StartTimeout) && !process.HasExited;

    private static async Task<bool> PongsAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false; // not listening yet
        }
    }

    private static async Task StopAsync(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        process.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisServerFixture>
{
    public const string Name = "Redis";
}
