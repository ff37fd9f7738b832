using System.Globalization;
using System.Net;
using System.Text;
using ChatOpsBot.Auth;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Reminders;
using ChatOpsBot.Core.Timeline;

namespace ChatOpsBot.Web;

/// <summary>
/// The read-only status page for stakeholders at /status: open incidents and recently resolved ones, never a
/// private one. Server-rendered HTML that refreshes itself (a meta refresh, no script, no CDN), every piece of
/// incident text HTML-encoded, and a Content-Security-Policy that would stop a script even if one slipped through.
/// </summary>
public static class StatusPage
{
    public const int RefreshSeconds = 30;

    private static readonly TimeSpan RecentlyResolved = TimeSpan.FromDays(7);

    public static WebApplication MapStatusPage(this WebApplication app)
    {
        // Behind the access token like the rest: titles of incidents can be sensitive, and the host has one token.
        app.MapGet("/status", RenderAsync).RequireAccessToken().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> RenderAsync(IncidentReader incidents, ReminderSettings reminders, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var visible = (await incidents.ListAsync(cancellationToken)).Where(i => !i.IsPrivate).ToList();
        var open = visible.Where(i => i.Status.IsOpen()).OrderBy(i => i.Severity).ThenBy(i => i.Number).ToList();
        var resolved = visible
            .Where(i => !i.Status.IsOpen() && i.ResolvedAt is { } at && now - at <= RecentlyResolved)
            .OrderByDescending(i => i.ResolvedAt).ToList();

        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
        http.Response.Headers.CacheControl = "no-store";
        return Results.Content(Render(open, resolved, now, reminders), "text/html; charset=utf-8");
    }

    internal static string Render(IReadOnlyList<Incident> open, IReadOnlyList<Incident> resolved, DateTimeOffset now, ReminderSettings reminders)
    {
        var sb = new StringBuilder(4096);
        sb.Append(CultureInfo.InvariantCulture, $$"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="refresh" content="{{RefreshSeconds}}">
            <title>Incident status · ChatOpsBot</title>
            <style>
              body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:64rem;padding:0 1rem;color:#1d1c1d}
              h1{font-size:1.5rem} h2{font-size:1.15rem;margin-top:2rem} table{border-collapse:collapse;width:100%}
              th,td{text-align:left;padding:.45rem .6rem;border-bottom:1px solid #ddd;vertical-align:top}
              td.update{white-space:pre-wrap;overflow-wrap:anywhere} .sev{font-weight:700} .sev1{color:#b00020} .sev2{color:#c25e00} .overdue{color:#b00020}
              .none{color:#555} footer{margin-top:2rem;color:#555;font-size:.85rem}
            </style></head>
            <body><h1>Incident status</h1>
            """);
        sb.Append("<h2>Open incidents</h2>\n");
        if (open.Count == 0)
        {
            sb.Append("<p class=\"none\" id=\"no-open\">No open incidents.</p>\n");
        }
        else
        {
            sb.Append("<table id=\"open\"><thead><tr><th>Incident</th><th>Title</th><th>Severity</th><th>Status</th><th>Commander</th><th>Latest update</th><th>Next update due</th></tr></thead><tbody>\n");
            foreach (var i in open)
            {
                var update = i.LastStatusUpdate is null ? "<span class=\"none\">none yet</span>" : $"{E(i.LastStatusUpdate)}<br><small>{E(TimeText.Utc(i.LastStatusUpdateAt!.Value))}</small>";
                sb.Append(CultureInfo.InvariantCulture, $"<tr data-incident=\"{i.Number}\"><td>{Link(i)}</td><td>{E(i.Title)}</td><td class=\"sev sev{(int)i.Severity}\">{E(i.Severity.Label())}</td><td>{E(i.Status.Label())}</td><td>{E(i.Commander?.Mention ?? "none")}</td><td class=\"update\">{update}</td>{NextUpdateCell(i, reminders, now)}</tr>\n");
            }

            sb.Append("</tbody></table>\n");
        }

        sb.Append("<h2>Recently resolved</h2>\n");
        if (resolved.Count == 0)
        {
            sb.Append("<p class=\"none\" id=\"no-resolved\">Nothing resolved in the last 7 days.</p>\n");
        }
        else
        {
            sb.Append("<table id=\"resolved\"><thead><tr><th>Incident</th><th>Title</th><th>Severity</th><th>Resolved</th><th>Summary</th></tr></thead><tbody>\n");
            foreach (var i in resolved)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<tr data-incident=\"{i.Number}\"><td>{Link(i)}</td><td>{E(i.Title)}</td><td>{E(i.Severity.Label())}</td><td>{E(TimeText.Utc(i.ResolvedAt!.Value))}</td><td class=\"update\">{E(i.ResolutionSummary ?? "")}</td></tr>\n");
            }

            sb.Append("</tbody></table>\n");
        }

        sb.Append(CultureInfo.InvariantCulture, $"<footer>Updated {E(TimeText.Utc(now))}; this page refreshes every {RefreshSeconds} seconds.</footer>\n</body></html>\n");
        return sb.ToString();
    }

    /// <summary>From the same cadence the reminders follow; a severity without one (SEV4 by default) is "not scheduled".</summary>
    private static string NextUpdateCell(Incident incident, ReminderSettings reminders, DateTimeOffset now) =>
        ReminderPolicy.StatusUpdateDueAt(incident, reminders) is { } due
            ? $"<td class=\"next-update{(due < now ? " overdue" : "")}\">{E(TimeText.Utc(due))}{(due < now ? " <strong>(overdue)</strong>" : "")}</td>"
            : "<td class=\"next-update none\">not scheduled</td>";

    /// <summary>Public incidents only (the page never lists a private one): a private incident's page is not linked from here.</summary>
    private static string Link(Incident i) =>
        i.IsPrivate ? E(i.Key) : string.Create(CultureInfo.InvariantCulture, $"<a href=\"/incidents/{i.Number}\">{E(i.Key)}</a>");

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
