using System.Net;
using System.Security.Cryptography;
using System.Text;
using ChatOpsBot.Core.Timeline;

namespace ChatOpsBot.Web.Pages;

/// <summary>
/// The frame the incident pages share: one stylesheet inline, no CDN, and a Content-Security-Policy that allows
/// no script but the page's own nonce-tagged one, so text people typed (which is always HTML-encoded) could not
/// run even if some slipped through unencoded.
/// </summary>
internal static class PageHtml
{
    private const string Style = """
        body{font-family:system-ui,sans-serif;margin:1.5rem auto;max-width:72rem;padding:0 1rem;color:#1d1c1d;line-height:1.45}
        h1{font-size:1.45rem;margin-bottom:.3rem} h2{font-size:1.15rem;margin-top:1.8rem} a{color:#0b57d0}
        table{border-collapse:collapse;width:100%;margin:.5rem 0} th,td{text-align:left;padding:.35rem .55rem;border-bottom:1px solid #ddd;vertical-align:top}
        th{background:#f6f6f6} td.text{white-space:pre-wrap;overflow-wrap:anywhere} .muted{color:#555} .small{font-size:.85rem}
        .sev{font-weight:700} .sev1{color:#b00020} .sev2{color:#c25e00} .badge{display:inline-block;padding:.05rem .45rem;border-radius:.6rem;background:#eee;font-size:.85rem;margin-left:.3rem}
        .state-done{color:#1e7b34} .state-overdue{color:#b00020;font-weight:600} dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:.8rem 0}
        dl.facts dt{font-weight:600} dl.facts dd{margin:0} nav.links a{margin-right:1rem} form.filters{display:flex;gap:.6rem;flex-wrap:wrap;align-items:end;margin:.6rem 0}
        form.filters label{display:flex;flex-direction:column;font-size:.85rem} .review{background:#fff8e1;border-left:4px solid #f2a600;padding:.2rem 1rem;margin-top:1.5rem}
        .toolbar{display:flex;gap:.6rem;margin:.8rem 0} .toolbar a,.toolbar button{font:inherit;padding:.35rem .8rem;border:1px solid #888;border-radius:.3rem;background:#fff;color:#1d1c1d;text-decoration:none;cursor:pointer}
        article.postmortem table{font-size:.92rem}
        """;

    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>A fresh nonce for the one script a page may carry.</summary>
    public static string Nonce() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));

    public static IResult Page(HttpContext http, int status, string title, string body, string? nonce = null)
    {
        var script = nonce is null ? "'none'" : $"'nonce-{nonce}'";
        http.Response.Headers.ContentSecurityPolicy =
            $"default-src 'none'; style-src 'unsafe-inline'; script-src {script}; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
        http.Response.Headers.CacheControl = "no-store";
        var html = new StringBuilder(body.Length + 4096)
            .Append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E(title)).Append(" · ChatOpsBot</title>\n<style>").Append(Style).Append("</style></head>\n<body>\n")
            .Append(body)
            .Append("\n</body></html>\n");
        return Results.Content(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    public static IResult Problem(HttpContext http, int status, string message) =>
        Page(http, status, "Not available", $"<h1>{E(message)}</h1>\n<p><a href=\"/incidents\">All incidents</a></p>");

    /// <summary>UTC, and the team's zone beside it when that is not UTC.</summary>
    public static string When(DateTimeOffset at, TimelineSettings settings) =>
        settings.ShowsLocalTime
            ? $"{E(TimeText.Utc(at))} <span class=\"muted\">({E(TimeText.Local(at, settings.TimeZone))})</span>"
            : E(TimeText.Utc(at));
}
