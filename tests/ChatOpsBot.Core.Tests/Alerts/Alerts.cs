using ChatOpsBot.Core.Alerts;

namespace ChatOpsBot.Core.Tests.Alerts;

/// <summary>Builds alert notifications for tests: a group, its alerts, firing or resolved.</summary>
internal static class Alerts
{
    public static readonly DateTimeOffset T0 = new(2025, 3, 14, 8, 30, 0, TimeSpan.Zero);

    public static Alert Firing(string fingerprint, string severity = "critical", DateTimeOffset? startsAt = null, string? summary = null,
        Dictionary<string, string>? annotations = null) =>
        new(fingerprint, true,
            new Dictionary<string, string> { ["alertname"] = "HighLatency", ["severity"] = severity, ["instance"] = fingerprint, ["service"] = "checkout" },
            annotations ?? new Dictionary<string, string> { ["summary"] = summary ?? $"p99 > 2s on {fingerprint}" },
            startsAt ?? T0, null, $"http://prometheus:9090/graph?g0.expr={fingerprint}");

    public static Alert Resolved(Alert alert, DateTimeOffset? endsAt = null) => alert with { IsFiring = false, EndsAt = endsAt ?? T0.AddMinutes(10) };

    public static AlertNotification Group(string groupKey, params Alert[] alerts) =>
        new("alertmanager", groupKey,
            new Dictionary<string, string> { ["alertname"] = "HighLatency", ["severity"] = alerts.FirstOrDefault()?.Labels["severity"] ?? "critical" },
            new Dictionary<string, string>(), alerts);
}
