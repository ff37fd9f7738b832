using System.Text;
using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Core.Alerts;

/// <summary>
/// Turns what a sender put in labels and annotations into text and links fit for chat. Alert content is written
/// by whoever can create an alert rule, so it is treated as untrusted: bounded, one line, no markup, http(s) links only.
/// </summary>
public static class AlertText
{
    public const int MaxLabelValueLength = 200;
    public const int MaxSummaryLength = 300;
    public const int MaxLabels = 30;
    public const int MaxUrlLength = 2000;

    /// <summary>The labels a responder looks at first, in this order; the rest stay on the timeline.</summary>
    public static readonly IReadOnlyList<string> ImportantLabels =
        ["alertname", "severity", "service", "job", "instance", "namespace", "cluster", "env", "environment", "team"];

    /// <summary>
    /// One line, at most <paramref name="maxLength"/> characters. An opening angle bracket becomes a look-alike, so no
    /// renderer can turn alert text into a mention (Slack's &lt;!channel&gt;), a link or an HTML tag even if it forgets
    /// to escape; a lone '&gt;' does nothing anywhere and "p99 &gt; 2s" should read as written.
    /// </summary>
    public static string Clean(string? text, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var sb = new StringBuilder(Math.Min(text.Length, maxLength + 1));
        foreach (var c in text)
        {
            if (sb.Length > maxLength)
            {
                break;
            }

            var mapped = c switch
            {
                '<' => '‹',
                _ when char.IsWhiteSpace(c) || char.IsControl(c) => ' ',
                _ => c,
            };
            if (mapped == ' ' && (sb.Length == 0 || sb[^1] == ' '))
            {
                continue;
            }

            sb.Append(mapped);
        }

        var cleaned = sb.ToString().TrimEnd();
        return cleaned.Length > maxLength ? cleaned[..(maxLength - 1)].TrimEnd() + "…" : cleaned;
    }

    /// <summary>An absolute http(s) URL, or null: a javascript: or data: "runbook" must never become a link.</summary>
    public static string? SafeUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Length > MaxUrlLength
            || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return null;
        }

        return uri.AbsoluteUri;
    }

    /// <summary>What the alert is about, in the sender's words: its summary, else the group's, else the alert's name.</summary>
    public static string Summary(Alert alert, AlertNotification notification)
    {
        var candidates = new[]
        {
            alert.Annotations.GetValueOrDefault("summary"),
            alert.Annotations.GetValueOrDefault("title"),
            notification.CommonAnnotations.GetValueOrDefault("summary"),
            notification.Title,
            alert.Labels.GetValueOrDefault("alertname"),
            notification.CommonLabels.GetValueOrDefault("alertname"),
        };
        var summary = candidates.Select(c => Clean(c, MaxSummaryLength)).FirstOrDefault(c => c.Length > 0);
        return summary ?? "Unnamed alert";
    }

    /// <summary>
    /// The incident title for a group: the group's summary, else the first firing alert's name and summary
    /// ("Checkout errors: Checkout 5xx rate above 5%"). The sender's own notification title comes last: Grafana's is
    /// a template such as "[FIRING:2] Checkout errors Payments (critical checkout)", which reads badly as a title.
    /// </summary>
    public static string Title(AlertNotification notification, int maxLength)
    {
        var first = notification.Alerts.FirstOrDefault(a => a.IsFiring) ?? notification.Alerts[0];
        var title = Clean(notification.CommonAnnotations.GetValueOrDefault("summary"), maxLength);
        if (title.Length > 0)
        {
            return title;
        }

        var name = Clean(first.Labels.GetValueOrDefault("alertname") ?? notification.CommonLabels.GetValueOrDefault("alertname"), maxLength);
        var summary = Clean(first.Annotations.GetValueOrDefault("summary") ?? first.Annotations.GetValueOrDefault("title"), maxLength);
        title = (name.Length, summary.Length) switch
        {
            (> 0, > 0) when !summary.Contains(name, StringComparison.OrdinalIgnoreCase) => Clean($"{name}: {summary}", maxLength),
            (_, > 0) => summary,
            (> 0, _) => name,
            _ => Clean(notification.Title, maxLength),
        };
        return title.Length > 0 ? title : Clean(Summary(first, notification), maxLength);
    }

    /// <summary>Labels bounded in count and length, important ones first, so an event stays small whatever was sent.</summary>
    public static IReadOnlyDictionary<string, string> Labels(IReadOnlyDictionary<string, string> labels)
    {
        var ordered = labels
            .OrderBy(l => ImportantLabels.IndexOf(l.Key) is var i && i >= 0 ? i : int.MaxValue)
            .ThenBy(l => l.Key, StringComparer.Ordinal)
            .Take(MaxLabels);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in ordered)
        {
            var k = Clean(key, 64);
            if (k.Length > 0)
            {
                result[k] = Clean(value, MaxLabelValueLength);
            }
        }

        return result;
    }

    /// <summary>Runbook, dashboard, panel and the alert's source (Prometheus generatorURL), each only if it is a safe URL.</summary>
    public static IReadOnlyList<AlertLink> Links(Alert alert, AlertNotification notification)
    {
        string? Annotation(string name) => alert.Annotations.GetValueOrDefault(name) ?? notification.CommonAnnotations.GetValueOrDefault(name);

        var candidates = new (string Label, string? Url)[]
        {
            ("Runbook", Annotation("runbook_url")),
            ("Dashboard", Annotation("dashboard_url") ?? alert.DashboardUrl),
            ("Panel", alert.PanelUrl),
            ("Source", alert.GeneratorUrl),
        };
        return candidates
            .Select(c => (c.Label, Url: SafeUrl(c.Url)))
            .Where(c => c.Url is not null)
            .Select(c => new AlertLink(c.Label, c.Url!))
            .ToList();
    }

    private static int IndexOf(this IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == value)
            {
                return i;
            }
        }

        return -1;
    }
}
