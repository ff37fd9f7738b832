using System.Globalization;
using System.Net;
using System.Text;
using ChatOpsBot.Auth;
using ChatOpsBot.Core.Dora;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Insights;
using ChatOpsBot.Core.Timeline;

namespace ChatOpsBot.Web.Insights;

/// <summary>
/// GET /insights?days=30: learning across incidents as one HTML page of server-drawn SVG charts and tables,
/// behind the same access rules as the read API. No script: it reads the same with JavaScript off.
/// </summary>
public static class InsightsPage
{
    public static WebApplication MapInsightsPage(this WebApplication app)
    {
        app.MapGet("/insights", RenderAsync).RequireAccessToken().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> RenderAsync(InsightsService insights, TimeProvider clock, int? days, CancellationToken cancellationToken)
    {
        var window = days ?? 30;
        if (window is < 7 or > DeliveryMetrics.MaxDays)
        {
            return TypedResults.Problem($"days must be between 7 and {DeliveryMetrics.MaxDays}.", statusCode: StatusCodes.Status400BadRequest);
        }

        var report = await insights.ComputeAsync(clock.GetUtcNow(), window, cancellationToken);
        return TypedResults.Content(Render(report), "text/html; charset=utf-8");
    }

    public static string Render(InsightsReport report)
    {
        var weeks = report.Weeks.Select(w => w.ToString("MM-dd", CultureInfo.InvariantCulture)).ToList();
        var sb = new StringBuilder();
        sb.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        sb.Append(Inv($"<title>Insights · last {report.Days} days · ChatOpsBot</title>"));
        sb.Append("<style>body{font-family:system-ui,sans-serif;margin:24px;color:#222;max-width:1360px}h1{font-size:22px}h2{font-size:17px;margin-top:28px}")
            .Append(".charts{display:flex;flex-wrap:wrap;gap:16px}.chart{margin:0;border:1px solid #e3e3e3;border-radius:6px;padding:8px;background:#fff}")
            .Append("figcaption{font-weight:600;font-size:13px;margin-bottom:4px}table{border-collapse:collapse;font-size:13px}td,th{border-bottom:1px solid #eee;padding:4px 10px;text-align:left}")
            .Append(".band{border-radius:4px;padding:1px 6px;font-size:12px}.elite{background:#c8f0d8}.high{background:#dcebfb}.medium{background:#fdf0c8}.low{background:#f9d4cc}")
            .Append(".numbers{display:flex;gap:24px;font-size:14px}.numbers b{font-size:20px;display:block}nav a{margin-right:12px}</style></head><body>");
        sb.Append(Inv($"<h1>Insights · last {report.Days} days</h1>"));
        sb.Append(Inv($"<p>{report.Incidents} incidents declared from {report.From:yyyy-MM-dd} to {report.To:yyyy-MM-dd HH:mm} UTC. <nav>"));
        foreach (var d in new[] { 30, 90 })
        {
            sb.Append(Inv($"<a href=\"/insights?days={d}\">{d} days</a>"));
        }

        sb.Append("</nav></p>");
        FourKeys(sb, report, weeks);
        Trend(sb, report, weeks);
        Recurring(sb, report);
        ActionItems(sb, report.ActionItems);
        ReviewFlags(sb, report, weeks);
        return sb.Append("</body></html>").ToString();
    }

    private static void FourKeys(StringBuilder sb, InsightsReport report, IReadOnlyList<string> weeks)
    {
        sb.Append("<section id=\"four-keys\"><h2>The four keys</h2>");
        if (report.Dora is not { } dora)
        {
            sb.Append("<p>Deploy intake is not set up.</p></section>");
            return;
        }

        var o = dora.Overall;
        sb.Append("<div class=\"numbers\">")
            .Append(Number("Deployment frequency", Inv($"{o.DeploymentsPerDay:0.##}/day"), o.DeploymentFrequencyBand))
            .Append(Number("Lead time for changes", Duration(o.LeadTimeMedian), o.LeadTimeBand))
            .Append(Number("Change failure rate", o.ChangeFailureRate is { } r ? Inv($"{r:P0}") : "—", o.ChangeFailureRateBand))
            .Append(Number("Time to restore", Duration(o.TimeToRestoreMedian), o.TimeToRestoreBand))
            .Append("</div><div class=\"charts\">");
        var keys = report.DoraTrend.Select(w => w.Keys).ToList();
        sb.Append(SvgChart.Bars("chart-deploys", "Production deploys per week", weeks, [new("deploys", keys.Select(k => (double?)k.Deployments).ToList())], Count));
        sb.Append(SvgChart.Line("chart-lead-time", "Median lead time for changes (hours)", weeks, [new("lead time", keys.Select(k => k.LeadTimeMedian?.TotalHours).ToList())], Hours));
        sb.Append(SvgChart.Line("chart-change-failure", "Change failure rate", weeks, [new("failure rate", keys.Select(k => k.ChangeFailureRate).ToList())], Percent));
        sb.Append(SvgChart.Line("chart-restore", "Median time to restore (hours)", weeks, [new("time to restore", keys.Select(k => k.TimeToRestoreMedian?.TotalHours).ToList())], Hours));
        sb.Append("</div><table><tr><th>service</th><th>deploys</th><th>per day</th><th>lead time</th><th>failure rate</th><th>time to restore</th></tr>");
        foreach (var k in dora.ByService.Prepend(o))
        {
            sb.Append(Inv($"<tr><td>{E(k.Service)}</td><td>{k.Deployments}</td><td>{k.DeploymentsPerDay:0.##} {Band(k.DeploymentFrequencyBand)}</td>"))
                .Append(Inv($"<td>{Duration(k.LeadTimeMedian)} {Band(k.LeadTimeBand)}</td><td>{(k.ChangeFailureRate is { } rate ? Inv($"{rate:P0}") : "—")} {Band(k.ChangeFailureRateBand)}</td>"))
                .Append(Inv($"<td>{Duration(k.TimeToRestoreMedian)} {Band(k.TimeToRestoreBand)}</td></tr>"));
        }

        sb.Append("</table><p><small>Bands from the Accelerate State of DevOps Report's software delivery performance table; see README.</small></p></section>");
    }

    private static void Trend(StringBuilder sb, InsightsReport report, IReadOnlyList<string> weeks)
    {
        var severities = report.Trend.Select(t => t.Severity).Distinct().Where(s => report.Trend.Any(t => t.Severity == s && t.Incidents > 0)).ToList();
        List<ChartSeries> Series(Func<WeekTrend, double?> value) =>
            severities.Select(s => new ChartSeries(s, report.Weeks.Select(w => report.Trend.Where(t => t.Severity == s && t.WeekStart == w).Select(value).FirstOrDefault()).ToList())).ToList();
        sb.Append("<section id=\"trend\"><h2>MTTA and MTTR per severity, week by week</h2><div class=\"charts\">");
        sb.Append(SvgChart.Line("chart-mtta", "Median time to acknowledge (minutes)", weeks, Series(t => t.MedianTimeToAcknowledge?.TotalMinutes), Minutes));
        sb.Append(SvgChart.Line("chart-mttr", "Median time to resolve (hours)", weeks, Series(t => t.MedianTimeToResolve?.TotalHours), Hours));
        sb.Append(SvgChart.Bars("chart-incidents", "Incidents per week", weeks, Series(t => t.Incidents).Where(s => s.Name != "all").ToList(), Count));
        sb.Append("</div></section>");
    }

    private static void Recurring(StringBuilder sb, InsightsReport report)
    {
        sb.Append("<section id=\"recurring\"><h2>Recurring alerts and services</h2>");
        if (report.Recurring.Count == 0)
        {
            sb.Append("<p>Nothing came back twice.</p></section>");
            return;
        }

        sb.Append("<table><tr><th>what</th><th>incidents</th><th></th></tr>");
        foreach (var r in report.Recurring)
        {
            var links = string.Join(" ", r.Incidents.Select(i => Inv($"<a href=\"/api/incidents/{i.Number}/postmortem\" title=\"{E(i.Title)}\">{E(i.Key)}</a>")));
            var hidden = r.PrivateIncidents > 0 ? Inv($" and {r.PrivateIncidents} private") : "";
            sb.Append(Inv($"<tr class=\"recurrence\"><td>{E(r.Kind)} <b>{E(r.Name)}</b></td><td>{r.Count}</td><td>{links}{hidden}</td></tr>"));
        }

        sb.Append("</table></section>");
    }

    private static void ActionItems(StringBuilder sb, FollowThrough items)
    {
        sb.Append("<section id=\"action-items\"><h2>Action-item follow-through</h2><div class=\"numbers\">")
            .Append(Number("Action items", Inv($"{items.Total}"), null))
            .Append(Number("Open", Inv($"{items.Open}"), null))
            .Append(Number("Done", Inv($"{items.Done}"), null))
            .Append(Number("Overdue", Inv($"{items.Overdue}"), null))
            .Append(Number("Median time to done", Duration(items.MedianTimeToDone), null))
            .Append("</div></section>");
    }

    private static void ReviewFlags(StringBuilder sb, InsightsReport report, IReadOnlyList<string> weeks)
    {
        var kinds = report.ReviewFlags.SelectMany(w => w.ByKind.Keys).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();
        sb.Append("<section id=\"review-flags\"><h2>Blameless-review flags over time</h2><div class=\"charts\">");
        sb.Append(SvgChart.Bars("chart-review-flags", "Flags in the week's incidents, by kind", weeks,
            kinds.Select(k => new ChartSeries(k, report.ReviewFlags.Select(w => (double?)w.ByKind.GetValueOrDefault(k)).ToList())).ToList(), Count));
        sb.Append("</div></section>");
    }

    private static string Number(string label, string value, DoraBand? band) =>
        $"<div class=\"number\">{E(label)}<b>{E(value)}</b>{(band is null ? "" : Band(band))}</div>";

    private static string Band(DoraBand? band) =>
        band is { } b ? $"<span class=\"band {DoraText.Band(b)}\">{DoraText.Band(b)}</span>" : "";

    private static string Duration(TimeSpan? value) => value is { } v ? TimeText.Duration(v) : "—";

    private static string Count(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Hours(double v) => v.ToString("0.#", CultureInfo.InvariantCulture) + " h";

    private static string Minutes(double v) => v.ToString("0", CultureInfo.InvariantCulture) + " min";

    private static string Percent(double v) => v.ToString("P0", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
