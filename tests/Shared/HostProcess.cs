using System.Diagnostics;
using System.Globalization;
using ChatOpsBot.Testing;

namespace ChatOpsBot.Testing;

/// <summary>
/// A host as its own OS process on a free loopback port, configured by environment variables the way a container
/// is, its output going to a log file (through the shell, so collecting it costs the caller nothing). The tests
/// start the bot this way where in-process hosts would share statics and a thread pool (several replicas, SIGKILL,
/// what reaches the logs); the benchmarks for start-up time, memory and load. Linked into both projects.
/// </summary>
internal sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string? _ownedDirectory;

    private HostProcess(Process process, Uri address, string log, string? ownedDirectory)
    {
        _process = process;
        Address = address;
        Log = log;
        _ownedDirectory = ownedDirectory;
        Http = new HttpClient { BaseAddress = address };
    }

    public Uri Address { get; }

    /// <summary>A client of the host's address, for callers that need no handler of their own.</summary>
    public HttpClient Http { get; }

    public string Log { get; }

    /// <summary>Everything the host wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            using var reader = new StreamReader(new FileStream(Log, FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
            return reader.ReadToEnd();
        }
    }

    public int Pid => _process.Id;

    public TimeSpan StartToReady { get; private set; }

    /// <summary>
    /// Starts <c>dotnet <paramref name="assembly"/> [arguments]</c> and returns once /readyz answers 200, polled every
    /// <paramref name="poll"/>. Without <paramref name="logDirectory"/> the log goes to a directory of its own, removed
    /// on dispose.
    /// </summary>
    public static async Task<HostProcess> StartAsync(string assembly, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> settings,
        string? logDirectory = null, TimeSpan? poll = null)
    {
        var ownedDirectory = logDirectory is null ? Directory.CreateTempSubdirectory("chatopsbot-host-").FullName : null;
        logDirectory ??= ownedDirectory!;
        var port = LoopbackProcess.FreePort();
        var address = new Uri($"http://127.0.0.1:{port}/");
        var log = Path.Combine(logDirectory, $"{Path.GetFileNameWithoutExtension(assembly)}-{port}.log");
        var command = string.Join(' ', new[] { "dotnet", assembly }.Concat(arguments).Concat(["--urls", $"http://127.0.0.1:{port}"]).Select(Quote));
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, WorkingDirectory = logDirectory };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"exec {command} > {Quote(log)} 2>&1");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var clock = Stopwatch.StartNew();
        var host = new HostProcess(Process.Start(start)!, address, log, ownedDirectory);
        try
        {
            await host.WaitUntilReadyAsync(clock, poll ?? TimeSpan.FromMilliseconds(100));
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    /// <summary>VmRSS (and VmHWM, the peak) from /proc/&lt;pid&gt;/status, in bytes.</summary>
    public (long Rss, long Peak) ReadMemory()
    {
        long rss = 0, peak = 0;
        foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kilobytes(line) * 1024;
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kilobytes(line) * 1024;
            }
        }

        return (rss, peak);
    }

    /// <summary>SIGKILL (Process.Kill on Unix): no shutdown hooks, no flush, as the OOM killer or a node loss ends a pod.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await LoopbackProcess.StopAsync(_process);
        if (_ownedDirectory is not null)
        {
            Directory.Delete(_ownedDirectory, recursive: true);
        }
    }

    private async Task WaitUntilReadyAsync(Stopwatch clock, TimeSpan poll)
    {
        switch (await LoopbackProcess.WaitReadyAsync(_process, new Uri(Address, "/readyz"), TimeSpan.FromSeconds(60), poll))
        {
            case LoopbackProcess.Readiness.Ready:
                StartToReady = clock.Elapsed;
                return;
            case LoopbackProcess.Readiness.Exited:
                throw new InvalidOperationException($"{Log}: the host exited with {_process.ExitCode}:\n{Tail()}");
            default:
                throw new TimeoutException($"{Log}: the host was not ready within 60 s:\n{Tail()}");
        }
    }

    private string Tail() => File.Exists(Log) ? string.Join('\n', File.ReadLines(Log).TakeLast(30)) : "(no output)";

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    private static string Quote(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
