using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Web.Pages;

/// <summary>The incident list's filters: status (open, resolved, closed, all), severity (sev1..sev4, all) and text.</summary>
internal sealed record IncidentFilter(string Status, Severity? Severity, string? Text)
{
    public static bool TryCreate(string? status, string? severity, string? text, out IncidentFilter? filter, out string? error)
    {
        filter = null;
        error = null;
        var s = string.IsNullOrWhiteSpace(status) ? "all" : status.Trim().ToLowerInvariant();
        if (s is not ("all" or "open" or "resolved" or "closed"))
        {
            error = $"status must be open, resolved, closed or all, not \"{status}\".";
            return false;
        }

        Severity? sev = null;
        if (!string.IsNullOrWhiteSpace(severity) && !severity.Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            if (!SeverityText.TryParse(severity, out var parsed))
            {
                error = $"severity must be sev1, sev2, sev3, sev4 or all, not \"{severity}\".";
                return false;
            }

            sev = parsed;
        }

        if (text is { Length: > 200 })
        {
            error = "The search text is at most 200 characters.";
            return false;
        }

        filter = new IncidentFilter(s, sev, string.IsNullOrWhiteSpace(text) ? null : text.Trim());
        return true;
    }

    public bool Matches(Incident i) =>
        (Status switch
        {
            "open" => i.Status.IsOpen(),
            "resolved" => i.Status == IncidentStatus.Resolved,
            "closed" => i.Status == IncidentStatus.Closed,
            _ => true,
        })
        && (Severity is null || i.Severity == Severity)
        && (Text is null || i.Title.Contains(Text, StringComparison.OrdinalIgnoreCase) || i.Key.Equals(Text, StringComparison.OrdinalIgnoreCase)
            || (i.ResolutionSummary?.Contains(Text, StringComparison.OrdinalIgnoreCase) ?? false));
}
