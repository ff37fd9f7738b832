using ChatOpsBot.Auth;
using ChatOpsBot.Core.Copilot;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Postmortems;
using ChatOpsBot.Core.Timeline;

namespace ChatOpsBot.Web;

/// <summary>What scribes take away: the postmortem draft and the timeline export, as files a browser can save.</summary>
public static class ExportApi
{
    public static WebApplication MapExportApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/incidents").RequireAccessToken();
        api.MapGet("/{number}/postmortem", PostmortemAsync);
        api.MapGet("/{number}/timeline", TimelineAsync);
        return app;
    }

    private static async Task<IResult> PostmortemAsync(string number, IncidentReader incidents, IncidentCopilot copilot, HttpContext http,
        CancellationToken cancellationToken)
    {
        var incident = await ReadApi.FindAsync(number, incidents, http, cancellationToken);
        if (incident is null)
        {
            return ReadApi.NotFound(number);
        }

        var draft = await copilot.DraftPostmortemAsync(await incidents.ReadTimelineAsync(incident.Number, cancellationToken), cancellationToken);
        return Results.Text(draft.Markdown, "text/markdown; charset=utf-8");
    }

    private static async Task<IResult> TimelineAsync(string number, string? format, string? all, IncidentReader incidents, TimelineExporter exporter,
        HttpContext http, CancellationToken cancellationToken)
    {
        if (!TimelineExporter.TryParseFormat(format ?? "md", out var parsed))
        {
            return TypedResults.Problem($"format must be {TimelineExporter.FormatNames}, not \"{format}\".", statusCode: StatusCodes.Status400BadRequest);
        }

        if (!bool.TryParse(all ?? "false", out var everything))
        {
            return TypedResults.Problem($"all must be true or false, not \"{all}\".", statusCode: StatusCodes.Status400BadRequest);
        }

        var incident = await ReadApi.FindAsync(number, incidents, http, cancellationToken);
        if (incident is null)
        {
            return ReadApi.NotFound(number);
        }

        var events = await incidents.ReadTimelineAsync(incident.Number, cancellationToken);
        var export = exporter.Export(parsed, incident, events, everything);
        // What the file holds, for tools that read CSV (which has no room for a comment line).
        http.Response.Headers["X-Timeline-Contents"] = TimelineExporter.Contents(events, everything, parsed).Replace("`", "", StringComparison.Ordinal);
        // inline: a browser shows Markdown, CSV and JSON as text; the file name is what "save as" offers.
        http.Response.Headers.ContentDisposition = $"inline; filename=\"{export.FileName}\"";
        return Results.Text(export.Content, export.ContentType);
    }
}
