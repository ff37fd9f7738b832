using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ChatOpsBot.Observability;

public static partial class StartupBanner
{
    /// <summary>Tells the person who just ran the bot where to point their browser.</summary>
    public static WebApplication LogAddressOnStart(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
            {
                LogListening(app.Logger, address.Replace("://[::]", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal));
            }
        });
        return app;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "ChatOpsBot is running. Web console: {Address}/")]
    private static partial void LogListening(ILogger logger, string address);
}
