using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ChatOpsBot.Core.Alerts;

namespace ChatOpsBot.Webhooks;

/// <summary>
/// Parses the three webhook bodies into the neutral <see cref="AlertNotification"/>, or says clearly what is wrong.
/// Alertmanager (version "4") and Grafana (version "1") share one shape; Grafana adds fields we use for links.
/// </summary>
public static class AlertPayloads
{
    public const int MaxGroupKeyLength = 1000;
    public const int MaxAlerts = 1000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static ParsedNotification ParseAlertmanager(ReadOnlySpan<byte> body) => ParseGrouped(body, "alertmanager", "4", "Alertmanager's webhook version 4");

    public static ParsedNotification ParseGrafana(ReadOnlySpan<byte> body) => ParseGrouped(body, "grafana", "1", "Grafana's webhook version 1");

    public static ParsedNotification ParseGeneric(ReadOnlySpan<byte> body)
    {
        if (Deserialize<GenericAlertPayload>(body, out var error) is not { } p)
        {
            return ParsedNotification.Fail(error);
        }

        var id = (p.Id ?? p.Group)?.Trim();
        var group = (p.Group ?? p.Id)?.Trim();
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(group))
        {
            return ParsedNotification.Fail("Give the alert an \"id\" (and optionally a \"group\"): the same id later updates or resolves it.");
        }

        if (group.Length > MaxGroupKeyLength || id.Length > MaxGroupKeyLength)
        {
            return ParsedNotification.Fail($"\"group\" and \"id\" are limited to {MaxGroupKeyLength} characters.");
        }

        if (ParseStatus(p.Status ?? "firing") is not { } firing)
        {
            return ParsedNotification.Fail($"\"status\" must be \"firing\" or \"resolved\", not \"{AlertText.Clean(p.Status, 40)}\".");
        }

        var labels = new Dictionary<string, string>(p.Labels ?? [], StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(p.Severity))
        {
            labels["severity"] = p.Severity;
        }

        labels.TryAdd("alertname", p.Summary ?? id);
        var annotations = new Dictionary<string, string>(p.Annotations ?? [], StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(p.Summary))
        {
            annotations["summary"] = p.Summary;
        }

        var alert = new Alert(id, firing, labels, annotations, RealTime(p.StartsAt), RealTime(p.EndsAt), p.Url);
        return ParsedNotification.Ok(new AlertNotification("generic", group, labels, annotations, [alert]));
    }

    private static ParsedNotification ParseGrouped(ReadOnlySpan<byte> body, string source, string version, string expected)
    {
        if (Deserialize<GroupedPayload>(body, out var error) is not { } p)
        {
            return ParsedNotification.Fail(error);
        }

        if (p.Version != version)
        {
            return ParsedNotification.Fail($"Unsupported payload version \"{AlertText.Clean(p.Version, 20)}\"; this endpoint takes {expected}.");
        }

        if (string.IsNullOrWhiteSpace(p.GroupKey) || p.GroupKey.Length > MaxGroupKeyLength)
        {
            return ParsedNotification.Fail($"\"groupKey\" is required and at most {MaxGroupKeyLength} characters.");
        }

        if (p.Alerts is not { Count: > 0 } || p.Alerts.Count > MaxAlerts)
        {
            return ParsedNotification.Fail($"\"alerts\" must hold between 1 and {MaxAlerts} alerts.");
        }

        var alerts = new List<Alert>(p.Alerts.Count);
        foreach (var a in p.Alerts)
        {
            if (a is null || ParseStatus(a.Status) is not { } firing)
            {
                return ParsedNotification.Fail("Every alert needs a \"status\" of \"firing\" or \"resolved\".");
            }

            var labels = a.Labels ?? [];
            var fingerprint = string.IsNullOrWhiteSpace(a.Fingerprint) ? FingerprintOf(labels) : a.Fingerprint.Trim();
            alerts.Add(new Alert(fingerprint, firing, labels, a.Annotations ?? [], RealTime(a.StartsAt), RealTime(a.EndsAt), a.GeneratorUrl)
            {
                DashboardUrl = a.DashboardUrl,
                PanelUrl = a.PanelUrl,
            });
        }

        return ParsedNotification.Ok(new AlertNotification(source, p.GroupKey, p.CommonLabels ?? [], p.CommonAnnotations ?? [], alerts)
        {
            Title = p.Title,
        });
    }

    private static T? Deserialize<T>(ReadOnlySpan<byte> body, out string error) where T : class
    {
        error = "";
        try
        {
            var value = JsonSerializer.Deserialize<T>(body, Json);
            if (value is null)
            {
                error = "The body is JSON null; send an object.";
            }

            return value;
        }
        catch (JsonException ex)
        {
            // The parser's own message names the position and expected type; it quotes no values.
            error = $"The body is not the expected JSON: {ex.Message}";
            return null;
        }
    }

    private static bool? ParseStatus(string? status) => status?.Trim().ToLowerInvariant() switch
    {
        "firing" => true,
        "resolved" => false,
        _ => null,
    };

    // Go's zero time ("0001-01-01T00:00:00Z") means "not set".
    private static DateTimeOffset? RealTime(DateTimeOffset? time) => time is { Year: > 1 } t ? t.ToUniversalTime() : null;

    /// <summary>Alertmanager's own fingerprint is a hash of the label set; without one, so is ours.</summary>
    private static string FingerprintOf(IReadOnlyDictionary<string, string> labels)
    {
        var canonical = string.Join('\n', labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))[..16];
    }

    // The wire shapes. Unknown fields (receiver, externalURL, truncatedAlerts, orgId, values, ...) are ignored.

    private sealed record GroupedPayload(string? Version, string? GroupKey, string? Status, Dictionary<string, string>? CommonLabels,
        Dictionary<string, string>? CommonAnnotations, List<GroupedAlert?>? Alerts, string? Title);

    private sealed record GroupedAlert(string? Status, Dictionary<string, string>? Labels, Dictionary<string, string>? Annotations,
        DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, string? GeneratorUrl, string? Fingerprint, string? DashboardUrl, string? PanelUrl);

    private sealed record GenericAlertPayload(string? Id, string? Group, string? Status, string? Summary, string? Severity,
        Dictionary<string, string>? Labels, Dictionary<string, string>? Annotations, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, string? Url);
}

public sealed record ParsedNotification(AlertNotification? Notification, string? Error)
{
    public static ParsedNotification Ok(AlertNotification notification) => new(notification, null);

    public static ParsedNotification Fail(string error) => new(null, error);
}
