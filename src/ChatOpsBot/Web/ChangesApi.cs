using ChatOpsBot.Auth;
using ChatOpsBot.Core.Changes;
using ChatOpsBot.Core.Incidents;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatOpsBot.Web;

/// <summary>GET /api/changes?days=7 and /api/changes/{id}: the recorded deploys, for tools and for checking a CI step.</summary>
public static class ChangesApi
{
    public const int MaxDays = 400;

    public static WebApplication MapChangesApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/changes").RequireAccessToken();
        api.MapGet("/", async Task<Results<JsonHttpResult<IReadOnlyList<Change>>, ProblemHttpResult>> (
            IChangeStore store, TimeProvider clock, CancellationToken cancellationToken, int? days) =>
        {
            var window = days ?? 7;
            if (window is < 1 or > MaxDays)
            {
                return TypedResults.Problem($"days must be between 1 and {MaxDays}.", statusCode: StatusCodes.Status400BadRequest);
            }

            var now = clock.GetUtcNow();
            return TypedResults.Json(await store.ListAsync(now.AddDays(-window), now, cancellationToken), IncidentEventJson.Options);
        });
        api.MapGet("/{id}", async Task<Results<JsonHttpResult<Change>, ProblemHttpResult>> (string id, IChangeStore store, CancellationToken cancellationToken) =>
            id.StartsWith(Change.IdPrefix, StringComparison.Ordinal) && await store.FindAsync(id, cancellationToken) is { } change
                ? TypedResults.Json(change, IncidentEventJson.Options)
                : TypedResults.Problem($"There is no change {(id.Length > 40 ? id[..40] : id)}.", statusCode: StatusCodes.Status404NotFound));
        return app;
    }
}
