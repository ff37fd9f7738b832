using ChatOpsBot.Auth;
using ChatOpsBot.Core.Dora;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Statistics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatOpsBot.Web;

public static class StatsApi
{
    /// <summary>GET /api/stats?days=30: the same numbers as <c>/incident stats</c>, for dashboards.</summary>
    public static WebApplication MapStatsApi(this WebApplication app)
    {
        app.MapGet("/api/stats", async Task<Results<Ok<StatisticsReport>, ProblemHttpResult>> (
            IncidentService incidents, DeliveryMetrics delivery, TimeProvider clock, HttpContext http, CancellationToken cancellationToken, int? days) =>
        {
            var window = days ?? 30;
            if (window is < 1 or > IncidentStatistics.MaxDays)
            {
                return TypedResults.Problem($"days must be between 1 and {IncidentStatistics.MaxDays}.", statusCode: StatusCodes.Status400BadRequest);
            }

            var now = clock.GetUtcNow();
            // Private incidents the viewer is not in are left out of every number, not only of the rows that name them.
            var report = await IncidentStatistics.ComputeAsync(incidents.Reader, now, window, cancellationToken, Viewer.Of(http)!.CanSee);
            return TypedResults.Ok(report with { Dora = await delivery.ComputeAsync(now, window, cancellationToken) });
        }).RequireAccessToken();
        return app;
    }
}
