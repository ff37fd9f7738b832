using System.Diagnostics;
using ChatOpsBot.Testing;

namespace ChatOpsBot.Tests.Support;

/// <summary>
/// The bot as its own OS process on a free loopback port, configured through environment variables the way a
/// container is. For tests about several replicas, where in-process hosts would share statics and a thread pool.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ProcessOutput _output;
    private readonly string _workingDirectory;

    private HostProcess(Process process, Uri address, string workingDirectory)
    {
        _process = process;
        Address = address;
        _workingDirectory = workingDirectory;
        Http = new HttpClient { BaseAddress = address };
        _output = new ProcessOutput(process);
    }

    public Uri Address { get; }

    public HttpClient Http { get; }

    public string Output => _output.Text;

    public static async Task<HostProcess> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var port = LoopbackProcess.FreePort();
        var workingDirectory = Directory.CreateTempSubdirectory("chatopsbot-host-").FullName;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(HostAssembly());
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var host = new HostProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}/"), workingDirectory);
        await host.WaitUntilReadyAsync();
        return host;
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
        Directory.Delete(_workingDirectory, recursive: true);
    }

    private async Task WaitUntilReadyAsync()
    {
        switch (await LoopbackProcess.WaitReadyAsync(_process, new Uri(Address, "/readyz"), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100)))
        {
            case LoopbackProcess.Readiness.Exited:
                throw new InvalidOperationException($"The host exited with {_process.ExitCode}:\n{Output}");
            case LoopbackProcess.Readiness.TimedOut:
                throw new TimeoutException($"The host did not become ready within 30 s:\n{Output}");
        }
    }

    /// <summary>The host's build output, the same configuration as the tests (dotnet test builds it as a reference).</summary>
    private static string HostAssembly()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name; // bin/<Configuration>/net10.0/
        var path = Repo.PathOf("src", "ChatOpsBot", "bin", configuration, "net10.0", "ChatOpsBot.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the host first.", path);
    }
}
