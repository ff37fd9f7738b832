using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Core.Alerts;

/// <summary>What to do with a firing alert group that has no incident yet.</summary>
public enum AlertAction
{
    /// <summary>Declare the incident at once: the alert is trusted to mean an outage.</summary>
    Declare = 1,

    /// <summary>Post a "Declare incident?" prompt with a button in the triage channel; a person decides.</summary>
    Prompt = 2,
}

/// <summary>
/// A routing rule: when every matcher equals the alert's label (case-insensitive), the group gets this severity
/// and action. <see cref="AutoResolve"/>: resolve the incident when every alert has resolved, instead of only suggesting it.
/// </summary>
public sealed record AlertRule(IReadOnlyDictionary<string, string> Match, Severity Severity, AlertAction Action, bool AutoResolve = false)
{
    public bool Matches(IReadOnlyDictionary<string, string> labels) =>
        Match.All(m => labels.TryGetValue(m.Key, out var value) && value.Equals(m.Value, StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// The ordered rules plus the catch-all. The first rule matched by any alert of the group (or its common labels)
/// wins, so list the most severe first: a group holding one critical alert among warnings is critical.
/// </summary>
public sealed class AlertRouting(IReadOnlyList<AlertRule> rules)
{
    /// <summary>The defaults: critical pages and declares, warning asks at SEV3.</summary>
    public static readonly IReadOnlyList<AlertRule> DefaultRules =
    [
        new(new Dictionary<string, string> { ["severity"] = "critical" }, Severity.Sev1, AlertAction.Declare),
        new(new Dictionary<string, string> { ["severity"] = "warning" }, Severity.Sev3, AlertAction.Prompt),
    ];

    /// <summary>Anything no rule matches is offered at the lowest severity rather than dropped: an alert nobody routed is still an alert.</summary>
    public static readonly AlertRule CatchAll = new(new Dictionary<string, string>(), Severity.Sev4, AlertAction.Prompt);

    public static readonly AlertRouting Default = new(DefaultRules);

    public IReadOnlyList<AlertRule> Rules => rules;

    public AlertRule Route(AlertNotification notification)
    {
        var firing = notification.Alerts.Where(a => a.IsFiring).ToList();
        var candidates = firing.Count > 0 ? firing : notification.Alerts;
        return rules.FirstOrDefault(r => r.Matches(notification.CommonLabels) || candidates.Any(a => r.Matches(a.Labels))) ?? CatchAll;
    }
}
