using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace ChatOpsBot.Health;

public static class HealthEndpoints
{
    /// <summary>Checks with this tag must pass before the instance takes traffic (the store is reachable).</summary>
    public const string ReadyTag = "ready";

    /// <summary>/healthz: the process is alive. /readyz: it can serve, i.e. its store answers.</summary>
    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag) });
        return app;
    }
}
