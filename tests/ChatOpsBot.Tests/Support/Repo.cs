using System.Diagnostics;

namespace ChatOpsBot.Tests.Support;

/// <summary>The repository the tests run from, and the command-line tools scripts/install-tools.sh puts in ./tools.</summary>
public static class Repo
{
    public static readonly string Root = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>A tool from ./tools (or ./tools/node_modules/.bin), else from PATH.</summary>
    public static string Tool(string name)
    {
        foreach (var candidate in new[] { PathOf("tools", name), PathOf("tools", "node_modules", ".bin", name) })
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
        return onPath ?? throw new Xunit.Sdk.XunitException($"{name} is not installed: run scripts/install-tools.sh (./test.sh does).");
    }

    public static async Task<(int ExitCode, string Output)> RunAsync(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(Tool(tool)) { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ChatOpsBot.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Run the tests from inside the repository.");
    }
}
