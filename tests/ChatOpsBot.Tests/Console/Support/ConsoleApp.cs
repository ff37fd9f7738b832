using System.Net;
using ChatOpsBot.Console;
using ChatOpsBot.Core.Incidents;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatOpsBot.Tests.Console.Support;

/// <summary>The whole host, as in production, with settings of the test's choosing.</summary>
public sealed class ConsoleApp : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    public ConsoleApp(IDictionary<string, string?>? settings = null, bool kestrel = false)
    {
        _settings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        if (kestrel)
        {
            // A real socket on loopback for the browser; port 0 lets the OS pick a free one.
            UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        }
    }

    /// <summary>The address Kestrel listens on, once <see cref="WebApplicationFactory{T}.StartServer"/> ran.</summary>
    public Uri ServerAddress =>
        new(Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            // Until the storage work lands its SQLite and Redis stores, the console runs on in-memory doubles.
            services.RemoveAll<IConsoleStore>();
            services.RemoveAll<IIncidentStore>();
            services.AddSingleton<IConsoleStore, InMemoryConsoleStore>();
            services.AddSingleton<IIncidentStore, InMemoryIncidentStore>();
            services.AddHealthChecks(); // registered by AddStorage once it lands; idempotent
        });
    }
}
