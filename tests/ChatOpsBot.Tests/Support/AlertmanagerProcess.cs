using System.Diagnostics;
using System.Globalization;
using ChatOpsBot.Testing;

namespace ChatOpsBot.Tests.Support;

/// <summary>
/// A real prometheus-alertmanager on a free loopback port, clustering off, storage in a temp folder, with one
/// webhook receiver pointing at the bot. Timings are seconds, not minutes, so a test sees group_wait and repeats.
/// </summary>
public sealed class AlertmanagerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);

    private readonly Process _process;
    private readonly string _directory;
    private readonly ProcessOutput _output;

    private AlertmanagerProcess(Process process, string directory, Uri address)
    {
        _process = process;
        _directory = directory;
        Address = address;
        Http = new HttpClient { BaseAddress = address };
        _output = new ProcessOutput(process);
    }

    public Uri Address { get; }

    public HttpClient Http { get; }

    public string Output => _output.Text;

    public static async Task<AlertmanagerProcess> StartAsync(Uri webhookUrl, string bearerToken)
    {
        var executable = Find() ?? throw new InvalidOperationException(
            "prometheus-alertmanager was not found (looked at $ALERTMANAGER, /usr/bin/prometheus-alertmanager and PATH). " +
            "The end-to-end alert test needs the real one: apt-get install prometheus-alertmanager (test.sh does), or set ALERTMANAGER.");
        var directory = Directory.CreateTempSubdirectory("chatopsbot-am-").FullName;
        var config = Path.Combine(directory, "alertmanager.yml");
        await File.WriteAllTextAsync(config, $"""
            route:
              receiver: chatopsbot
              group_by: [alertname]
              group_wait: 1s
              group_interval: 1s
              repeat_interval: 2s
            receivers:
              - name: chatopsbot
                webhook_configs:
                  - url: {webhookUrl}
                    send_resolved: true
                    http_config:
                      authorization:
                        type: Bearer
                        credentials: {bearerToken}
            """);

        for (var attempt = 1; ; attempt++)
        {
            var port = LoopbackProcess.FreePort();
            var start = new ProcessStartInfo(executable)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = directory,
            };
            foreach (var arg in new[]
            {
                $"--config.file={config}", $"--storage.path={Path.Combine(directory, "data")}",
                $"--web.listen-address=127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}", "--cluster.listen-address=",
            })
            {
                start.ArgumentList.Add(arg);
            }

            var process = Process.Start(start) ?? throw new InvalidOperationException("prometheus-alertmanager did not start.");
            var am = new AlertmanagerProcess(process, directory, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/"));
            if (await am.WaitReadyAsync())
            {
                return am;
            }

            var output = am.Output;
            await am.StopAsync();
            if (attempt == 3)
            {
                Directory.Delete(directory, recursive: true);
                throw new InvalidOperationException($"prometheus-alertmanager was not ready within {StartTimeout}: {output}");
            }
        }
    }

    /// <summary>How many webhook notifications Alertmanager has sent, from its own metrics.</summary>
    public async Task<int> NotificationsSentAsync()
    {
        var metrics = await Http.GetStringAsync("metrics");
        var line = metrics.Split('\n').FirstOrDefault(l => l.StartsWith("alertmanager_notifications_total{integration=\"webhook\"}", StringComparison.Ordinal));
        return line is null ? 0 : (int)double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Http.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp dir is not worth failing the run over.
        }
    }

    private Task StopAsync() => LoopbackProcess.StopAsync(_process);

    private async Task<bool> WaitReadyAsync() =>
        await LoopbackProcess.WaitReadyAsync(_process, new Uri(Address, "-/ready"), StartTimeout, TimeSpan.FromMilliseconds(100)) == LoopbackProcess.Readiness.Ready;

    private static string? Find()
    {
        var candidates = new List<string?> { Environment.GetEnvironmentVariable("ALERTMANAGER"), "/usr/bin/prometheus-alertmanager" };
        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "prometheus-alertmanager")));
        return candidates.FirstOrDefault(File.Exists);
    }
}
