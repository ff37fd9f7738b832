using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ChatOpsBot.Tests.Support;

/// <summary>
/// The real host in memory, configured like a deployment would be: a store (SQLite file or a real Redis),
/// the console on, a fast reconciler sweep. Settings are plain configuration keys, as users write them.
/// </summary>
public sealed class BotFactory(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    public static IReadOnlyDictionary<string, string?> Sqlite(string path) => new Dictionary<string, string?>
    {
        ["Storage:Provider"] = "Sqlite",
        ["Sqlite:Path"] = path,
    };

    public static IReadOnlyDictionary<string, string?> Redis(string connectionString, string keyPrefix) => new Dictionary<string, string?>
    {
        ["Storage:Provider"] = "Redis",
        ["Redis:ConnectionString"] = connectionString,
        ["Redis:KeyPrefix"] = keyPrefix,
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Reconciler:SweepInterval", "00:00:01");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
