namespace ChatOpsBot.Core.Alerts;

/// <summary>
/// One notification about an alert group, whatever sent it: Alertmanager, Grafana or a generic webhook.
/// The sender re-sends the whole group on every change and repeat, so intake must be idempotent.
/// </summary>
/// <param name="Source">"alertmanager", "grafana", "generic": group keys are only unique per sender.</param>
/// <param name="GroupKey">The sender's group identity (Alertmanager's groupKey); one open incident per group.</param>
public sealed record AlertNotification(
    string Source,
    string GroupKey,
    IReadOnlyDictionary<string, string> CommonLabels,
    IReadOnlyDictionary<string, string> CommonAnnotations,
    IReadOnlyList<Alert> Alerts)
{
    /// <summary>A human title from the sender (Grafana's rendered title), used when no alert has a summary.</summary>
    public string? Title { get; init; }

    /// <summary>Where the group is the same across senders and retries: the sender plus its group key.</summary>
    public string CorrelationKey => $"{Source}/{GroupKey}";

    public bool AnyFiring => Alerts.Any(a => a.IsFiring);
}

/// <summary>
/// One alert of a group. <paramref name="StartsAt"/> is null when the sender gave none (or Go's zero time);
/// <paramref name="EndsAt"/> only means something once the alert has resolved (while firing it may be a provisional future time).
/// </summary>
public sealed record Alert(
    string Fingerprint,
    bool IsFiring,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    string? GeneratorUrl)
{
    /// <summary>Grafana's dashboard link for the alert, beside the dashboard_url annotation.</summary>
    public string? DashboardUrl { get; init; }

    /// <summary>Grafana's panel link.</summary>
    public string? PanelUrl { get; init; }
}
