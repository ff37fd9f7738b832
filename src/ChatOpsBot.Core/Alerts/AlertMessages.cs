using System.Buffers.Text;
using System.Text;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Messages;

namespace ChatOpsBot.Core.Alerts;

/// <summary>The messages about alerts: the triage prompt, and the pieces the kick-off and change messages show.</summary>
public static class AlertMessages
{
    private const int MaxLinks = 6;

    /// <summary>"Declare incident?" with a button whose command declares it, linked to the group, with the clicker as commander.</summary>
    public static ChatMessage TriagePrompt(AlertNotification notification, AlertRule rule, string title)
    {
        var firing = notification.Alerts.Where(a => a.IsFiring).ToList();
        var first = firing.FirstOrDefault() ?? notification.Alerts[0];
        var labels = notification.CommonLabels.Count > 0 ? notification.CommonLabels : first.Labels;
        return new ChatMessage($"🔔 Alert firing: {ChatText.Inert(title)} — declare an incident?")
        {
            Title = $"🔔 {rule.Severity.Label()} alert: {ChatText.Inert(title)}",
            Fields =
            [
                new("Alerts firing", firing.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                .. LabelLine(AlertText.Labels(labels)) is { Length: > 0 } line ? [new MessageField("Labels", ChatText.Inert(line))] : Array.Empty<MessageField>(),
            ],
            Links = Links(firing.SelectMany(a => AlertText.Links(a, notification))),
            Actions =
            [
                new("declare-alert", "Declare incident", DeclareCommand(rule.Severity, notification.CorrelationKey, title), IsPrimary: true),
            ],
            Context = $"From {ChatText.Inert(notification.Source)} · the button declares {rule.Severity.Label()} with you as commander",
        };
    }

    /// <summary>The command behind the prompt's button; the group key travels encoded, so any replica can link it.</summary>
    public static string DeclareCommand(Severity severity, string correlationKey, string title) =>
        $"/incident declare-alert {severity.Label().ToLowerInvariant()} {EncodeGroup(correlationKey)} {title}";

    public static string EncodeGroup(string correlationKey) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(correlationKey));

    public static bool TryDecodeGroup(string encoded, out string correlationKey)
    {
        correlationKey = "";
        if (encoded.Length is 0 or > 4096 || !Base64Url.IsValid(encoded))
        {
            return false;
        }

        correlationKey = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(encoded));
        return correlationKey.Contains('/', StringComparison.Ordinal);
    }

    /// <summary>"alertname=HighLatency · severity=critical · service=checkout": the labels that matter, in order.</summary>
    public static string LabelLine(IReadOnlyDictionary<string, string> labels) =>
        string.Join(" · ", AlertText.ImportantLabels.Where(labels.ContainsKey).Select(l => $"{l}={labels[l]}"));

    public static IReadOnlyList<MessageLink> Links(IEnumerable<AlertLink> links) =>
        links.DistinctBy(l => l.Url).Take(MaxLinks).Select(l => new MessageLink(ChatText.Inert(l.Label), l.Url)).ToList();

    /// <summary>The kick-off's alert section: what fired first, its labels, how many fire, and when it was detected.</summary>
    public static IReadOnlyList<MessageField> KickoffFields(Incident incident)
    {
        if (incident.Alerts.IsEmpty)
        {
            return [];
        }

        var alerts = incident.Alerts.Values.OrderBy(a => a.FiredAt).ThenBy(a => a.Fingerprint, StringComparer.Ordinal).ToList();
        var first = alerts[0];
        var firing = alerts.Count(a => a.IsFiring);
        return
        [
            new("Alert", ChatText.Inert(first.Summary)),
            .. LabelLine(first.Labels) is { Length: > 0 } line ? [new MessageField("Labels", ChatText.Inert(line))] : Array.Empty<MessageField>(),
            new("Alerts firing", $"{firing} of {alerts.Count}"),
            new("Detected", incident.DetectedAt!.Value.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture)),
        ];
    }

    public static IReadOnlyList<MessageLink> KickoffLinks(Incident incident) =>
        Links(incident.Alerts.Values.OrderBy(a => a.FiredAt).SelectMany(a => a.Links));

    public static ChatMessage Fired(AlertFired fired) => new($"🔔 Alert firing: {ChatText.Inert(fired.Summary)}")
    {
        Links = Links(fired.Links),
    };

    public static ChatMessage Resolved(AlertResolved resolved, string incidentKey) => resolved.AllResolved
        ? new ChatMessage($"✅ Alert resolved: {ChatText.Inert(resolved.Summary)}. Every alert of this incident has now resolved — if the service is healthy, resolve {incidentKey}.")
        {
            Actions = [new("resolve", "Resolve incident", $"/incident {incidentKey} resolve ", IsPrimary: true)],
        }
        : new ChatMessage($"✅ Alert resolved: {ChatText.Inert(resolved.Summary)}");
}
