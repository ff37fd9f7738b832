using ChatOpsBot.Testing;

namespace ChatOpsBot.Tests.Support;

/// <summary>The bot built with these tests, started as its own process (<see cref="HostProcess"/>).</summary>
internal static class BotProcess
{
    public static Task<HostProcess> StartAsync(IReadOnlyDictionary<string, string> settings) => HostProcess.StartAsync(HostAssembly(), [], settings);

    /// <summary>The host's build output, the same configuration as the tests (dotnet test builds it as a reference).</summary>
    private static string HostAssembly()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name; // bin/<Configuration>/net10.0/
        var path = Repo.PathOf("src", "ChatOpsBot", "bin", configuration, "net10.0", "ChatOpsBot.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the host first.", path);
    }
}
