using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatOpsBot.Tests.Support;

/// <summary>
/// The real host, configured like a deployment would be, with plain configuration keys as users write them.
/// Without a store setting it runs on its embedded default, SQLite, in a folder of its own that it deletes
/// on dispose. With <c>kestrel</c> it listens on a real loopback socket, for the browser. With <c>clock</c> (a
/// FakeTimeProvider) every part of the host runs on that clock, Quartz included, so a test can move days ahead.
/// </summary>
public sealed class BotFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly string? _ownDirectory;
    private readonly TimeProvider? _clock;

    public BotFactory(IReadOnlyDictionary<string, string?>? settings = null, bool kestrel = false, TimeProvider? clock = null)
    {
        _clock = clock;
        _settings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        if (!_settings.ContainsKey("Storage:Provider"))
        {
            _ownDirectory = Directory.CreateTempSubdirectory("chatopsbot-").FullName;
            _settings["Storage:Provider"] = "Sqlite";
            _settings["Sqlite:Path"] = Path.Combine(_ownDirectory, "chatopsbot.db");
        }

        if (kestrel)
        {
            // Port 0 lets the OS pick a free one.
            UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        }
    }

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

    /// <summary>The address Kestrel listens on, once the server has started.</summary>
    public Uri ServerAddress =>
        new(Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Reconciler:SweepInterval", "00:00:01");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_clock is { } clock)
        {
            builder.ConfigureTestServices(services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton(clock);
            });
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownDirectory is not null && Directory.Exists(_ownDirectory))
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_ownDirectory, recursive: true);
        }
    }
}
