using System.Globalization;
using System.Text;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Postmortems;
using ChatOpsBot.Core.Reminders;
using ChatOpsBot.Core.Timeline;
using static ChatOpsBot.Web.Pages.PageHtml;
using ChatOpsBot.Auth;

namespace ChatOpsBot.Web.Pages;

/// <summary>
/// Pages to read an incident by: the list at /incidents, one incident at /incidents/{n} (state, roles, times, action
/// items, the timeline with filters) and its postmortem draft at /incidents/{n}/postmortem. Server-rendered, behind
/// the same access token as the read API, every piece of incident text HTML-encoded.
/// </summary>
public static class IncidentPages
{
    public static WebApplication MapIncidentPages(this WebApplication app)
    {
        var pages = app.MapGroup("/incidents").RequireAccessToken().ExcludeFromDescription();
        pages.MapGet("/", ListAsync);
        pages.MapGet("/{number}", IncidentAsync);
        pages.MapGet("/{number}/postmortem", PostmortemAsync);
        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext http, IncidentService incidents, TimelineSettings settings, CancellationToken cancellationToken,
        string? status = null, string? severity = null, string? q = null)
    {
        if (IncidentFilter.TryCreate(status, severity, q, out var filter, out var error) is false)
        {
            return Problem(http, StatusCodes.Status400BadRequest, error!);
        }

        var viewer = Viewer.Of(http)!;
        var list = (await incidents.Reader.ListAsync(cancellationToken)).Where(viewer.CanSee).Where(filter!.Matches).OrderByDescending(i => i.Number).ToList();
        return Page(http, StatusCodes.Status200OK, "Incidents", IncidentListHtml.Render(list, filter, settings));
    }

    private static async Task<IResult> IncidentAsync(string number, HttpContext http, IncidentService incidents, TimelineSettings settings,
        ReminderSettings reminders, TimeProvider clock, CancellationToken cancellationToken, string? type = null, string? person = null)
    {
        var incident = await ReadApi.FindAsync(number, incidents.Reader, http, cancellationToken);
        if (incident is null)
        {
            return Problem(http, StatusCodes.Status404NotFound, $"There is no incident {number}.");
        }

        if (type is { Length: > 64 } || person is { Length: > 200 })
        {
            return Problem(http, StatusCodes.Status400BadRequest, "That timeline filter is too long.");
        }

        var events = await incidents.Reader.ReadTimelineAsync(incident.Number, cancellationToken);
        var view = new IncidentPageView(incident, events, settings, reminders, clock.GetUtcNow(), Blank(type), Blank(person), incidents.Settings.Roles);
        return Page(http, StatusCodes.Status200OK, $"{incident.Key} {incident.Title}", IncidentPageHtml.Render(view));
    }

    private static async Task<IResult> PostmortemAsync(string number, HttpContext http, IncidentService incidents, PostmortemCompiler compiler,
        CancellationToken cancellationToken)
    {
        var incident = await ReadApi.FindAsync(number, incidents.Reader, http, cancellationToken);
        if (incident is null)
        {
            return Problem(http, StatusCodes.Status404NotFound, $"There is no incident {number}.");
        }

        var draft = compiler.Compile(await incidents.Reader.ReadTimelineAsync(incident.Number, cancellationToken));
        var nonce = Nonce();
        var n = incident.Number.ToString(CultureInfo.InvariantCulture);
        var body = new StringBuilder()
            .Append("<nav class=\"links small\"><a href=\"/incidents\">All incidents</a><a href=\"/incidents/").Append(n).Append("\">").Append(E(incident.Key)).Append("</a></nav>\n")
            .Append("<div class=\"toolbar\"><a id=\"download\" href=\"/api/incidents/").Append(n).Append("/postmortem\" download=\"").Append(E(incident.Key)).Append("-postmortem.md\">Download Markdown</a>")
            .Append("<button id=\"copy\" type=\"button\">Copy Markdown</button><span id=\"copy-status\" class=\"muted small\" role=\"status\"></span></div>\n")
            .Append(draft.ReviewHits.Count == 0 ? "" : $"<p class=\"review small\">⚠️ {draft.ReviewHits.Count} phrase{(draft.ReviewHits.Count == 1 ? "" : "s")} to review before sharing: see <a href=\"#review\">Review before sharing</a>.</p>\n")
            .Append("<article class=\"postmortem\">\n").Append(PostmortemHtml.Render(draft.Markdown)).Append("</article>\n")
            .Append("<textarea id=\"markdown\" hidden readonly>").Append(E(draft.Markdown)).Append("</textarea>\n")
            .Append("<script nonce=\"").Append(nonce).Append("\">").Append(CopyScript).Append("</script>");
        return Page(http, StatusCodes.Status200OK, $"Postmortem {incident.Key}", body.ToString(), nonce);
    }

    // navigator.clipboard needs a secure context (https or localhost); elsewhere fall back to selecting the text.
    private const string CopyScript = """
        document.getElementById('copy').addEventListener('click', async () => {
          const text = document.getElementById('markdown').value, status = document.getElementById('copy-status');
          try { await navigator.clipboard.writeText(text); status.textContent = 'Copied.'; }
          catch { const area = document.getElementById('markdown'); area.hidden = false; area.select(); status.textContent = document.execCommand('copy') ? 'Copied.' : 'Select the text and copy it.'; }
        });
        """;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
