using System.Diagnostics;
using System.Globalization;
using ChatOpsBot.Testing;

namespace ChatOpsBot.Benchmarks.Http;

/// <summary>
/// A host under test as its own OS process on a free loopback port, configured by environment variables, its
/// output going to a log file (through the shell, so reading it costs the driver nothing). Knows how long it took
/// from process start to the first /readyz 200, and reads its resident set size from /proc.
/// </summary>
internal sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;

    private HostProcess(Process process, Uri address, string log)
    {
        _process = process;
        Address = address;
        Log = log;
    }

    public Uri Address { get; }

    public string Log { get; }

    public int Pid => _process.Id;

    public TimeSpan StartToReady { get; private set; }

    /// <summary>Starts <c>dotnet <paramref name="assembly"/> [arguments]</c> and returns once /readyz answers 200.</summary>
    public static async Task<HostProcess> StartAsync(string assembly, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> settings, string logDirectory)
    {
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
        var host = new HostProcess(Process.Start(start)!, address, log);
        try
        {
            await host.WaitUntilReadyAsync(clock);
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

    public async ValueTask DisposeAsync() => await LoopbackProcess.StopAsync(_process);

    private async Task WaitUntilReadyAsync(Stopwatch clock)
    {
        // Polled every 5 ms: the start-up scenario reports this figure.
        switch (await LoopbackProcess.WaitReadyAsync(_process, new Uri(Address, "/readyz"), TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(5)))
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
