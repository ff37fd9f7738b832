using System.Text.RegularExpressions;
using ChatOpsBot.Auth;
using ChatOpsBot.Core.Incidents;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatOpsBot.Web;

/// <summary>The read API: incidents, their state and their timelines, for tools, dashboards and tests.</summary>
public static partial class ReadApi
{
    public static WebApplication MapReadApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/incidents").RequireAccessToken();
        api.MapGet("/", ListAsync);
        api.MapGet("/{number}", GetAsync);
        api.MapGet("/{number}/events", EventsAsync);
        return app;
    }

    private static async Task<Results<Ok<List<IncidentView>>, ProblemHttpResult>> ListAsync(
        IncidentReader incidents, HttpContext http, CancellationToken cancellationToken, string? status = null)
    {
        Func<Incident, bool>? filter = (status ?? "all").ToLowerInvariant() switch
        {
            "all" => _ => true,
            "open" => i => i.Status.IsOpen(),
            "resolved" => i => i.Status == IncidentStatus.Resolved,
            "closed" => i => i.Status == IncidentStatus.Closed,
            _ => null,
        };
        if (filter is null)
        {
            return TypedResults.Problem($"status must be open, resolved, closed or all, not \"{status}\".", statusCode: StatusCodes.Status400BadRequest);
        }

        var list = await incidents.ListAsync(cancellationToken);
        var viewer = Viewer.Of(http)!;
        return TypedResults.Ok(list.Where(viewer.CanSee).Where(filter).OrderByDescending(i => i.Number).Select(IncidentView.From).ToList());
    }

    private static async Task<Results<Ok<IncidentView>, ProblemHttpResult>> GetAsync(
        string number, IncidentReader incidents, HttpContext http, CancellationToken cancellationToken)
    {
        var incident = await FindAsync(number, incidents, http, cancellationToken);
        return incident is null ? NotFound(number) : TypedResults.Ok(IncidentView.From(incident));
    }

    private static async Task<IResult> EventsAsync(string number, IncidentReader incidents, HttpContext http, CancellationToken cancellationToken)
    {
        var incident = await FindAsync(number, incidents, http, cancellationToken);
        if (incident is null)
        {
            return NotFound(number);
        }

        var events = await incidents.ReadTimelineAsync(incident.Number, cancellationToken);
        return TypedResults.Json(events, IncidentEventJson.Options);
    }

    /// <summary>
    /// Accepts "7" and "INC-7". Shared with the export API. A private incident the viewer is not a member of is not
    /// found, exactly like one that does not exist, so the API never tells that it exists.
    /// </summary>
    internal static async Task<Incident?> FindAsync(string number, IncidentReader incidents, HttpContext http, CancellationToken cancellationToken)
    {
        var match = IncidentNumber().Match(number);
        if (!match.Success || !int.TryParse(match.Groups["n"].Value, out var n))
        {
            return null;
        }

        var incident = await incidents.GetAsync(n, cancellationToken);
        return incident.Exists && Viewer.Of(http)?.CanSee(incident) == true ? incident : null;
    }

    internal static ProblemHttpResult NotFound(string number) =>
        TypedResults.Problem($"There is no incident {number}.", statusCode: StatusCodes.Status404NotFound);

    [GeneratedRegex("^(?i:INC-)?(?<n>[1-9][0-9]{0,8})$")]
    private static partial Regex IncidentNumber();
}
