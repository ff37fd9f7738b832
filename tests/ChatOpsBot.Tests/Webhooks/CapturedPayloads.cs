namespace ChatOpsBot.Tests.Webhooks;

/// <summary>
/// Bodies as the senders post them: Alertmanager 0.25 (webhook version 4), Grafana unified alerting (version 1,
/// with its extra fields), and the generic shape from the README. Times are fixed so OccurredAt can be asserted.
/// </summary>
internal static class CapturedPayloads
{
    public const string AlertmanagerFiring = """
        {"receiver":"chatopsbot","status":"firing","alerts":[{"status":"firing","labels":{"alertname":"HighLatency","instance":"web-1:9100","job":"checkout","service":"checkout","severity":"critical"},"annotations":{"description":"p99 latency has been over 2s for 5 minutes.","runbook_url":"https://runbooks.example.com/checkout/latency","dashboard_url":"https://grafana.example.com/d/checkout","summary":"Checkout p99 latency over 2s"},"startsAt":"2026-01-01T00:00:00Z","endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prometheus:9090/graph?g0.expr=histogram_quantile%280.99%29+%3E+2\u0026g0.tab=1","fingerprint":"6f1e2d3c4b5a6978"}],"groupLabels":{"alertname":"HighLatency"},"commonLabels":{"alertname":"HighLatency","instance":"web-1:9100","job":"checkout","service":"checkout","severity":"critical"},"commonAnnotations":{"description":"p99 latency has been over 2s for 5 minutes.","runbook_url":"https://runbooks.example.com/checkout/latency","dashboard_url":"https://grafana.example.com/d/checkout","summary":"Checkout p99 latency over 2s"},"externalURL":"http://alertmanager:9093","version":"4","groupKey":"{}:{alertname=\"HighLatency\"}","truncatedAlerts":0}
        """;

    public const string AlertmanagerResolved = """
        {"receiver":"chatopsbot","status":"resolved","alerts":[{"status":"resolved","labels":{"alertname":"HighLatency","instance":"web-1:9100","job":"checkout","service":"checkout","severity":"critical"},"annotations":{"summary":"Checkout p99 latency over 2s"},"startsAt":"2026-01-01T00:00:00Z","endsAt":"2026-01-01T00:20:00Z","generatorURL":"http://prometheus:9090/graph?g0.expr=x","fingerprint":"6f1e2d3c4b5a6978"}],"groupLabels":{"alertname":"HighLatency"},"commonLabels":{"alertname":"HighLatency","severity":"critical"},"commonAnnotations":{"summary":"Checkout p99 latency over 2s"},"externalURL":"http://alertmanager:9093","version":"4","groupKey":"{}:{alertname=\"HighLatency\"}","truncatedAlerts":0}
        """;

    public const string AlertmanagerWarning = """
        {"receiver":"chatopsbot","status":"firing","alerts":[{"status":"firing","labels":{"alertname":"DiskFilling","instance":"db-1","severity":"warning"},"annotations":{"summary":"Disk on db-1 is 85% full"},"startsAt":"2026-01-01T00:00:00Z","endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prometheus:9090/graph?g0.expr=disk","fingerprint":"aa11bb22cc33dd44"}],"groupLabels":{"alertname":"DiskFilling"},"commonLabels":{"alertname":"DiskFilling","instance":"db-1","severity":"warning"},"commonAnnotations":{"summary":"Disk on db-1 is 85% full"},"externalURL":"http://alertmanager:9093","version":"4","groupKey":"{}:{alertname=\"DiskFilling\"}","truncatedAlerts":0}
        """;

    public const string GrafanaFiring = """
        {"receiver":"chatopsbot","status":"firing","orgId":1,"alerts":[{"status":"firing","labels":{"alertname":"Checkout errors","grafana_folder":"Payments","severity":"critical","service":"checkout"},"annotations":{"summary":"Checkout 5xx rate above 5%"},"startsAt":"2026-01-01T00:01:00Z","endsAt":"0001-01-01T00:00:00Z","generatorURL":"https://grafana.example.com/alerting/grafana/abc123/view?orgId=1","fingerprint":"c0ffee0123456789","silenceURL":"https://grafana.example.com/alerting/silence/new?alertmanager=grafana","dashboardURL":"https://grafana.example.com/d/pay?orgId=1","panelURL":"https://grafana.example.com/d/pay?orgId=1&viewPanel=2","values":{"B":7.2,"C":1},"valueString":"[ var='B' labels={} value=7.2 ]"}],"groupLabels":{"alertname":"Checkout errors","grafana_folder":"Payments"},"commonLabels":{"alertname":"Checkout errors","grafana_folder":"Payments","severity":"critical","service":"checkout"},"commonAnnotations":{"summary":"Checkout 5xx rate above 5%"},"externalURL":"https://grafana.example.com/","version":"1","groupKey":"{}/{severity=\"critical\"}:{alertname=\"Checkout errors\", grafana_folder=\"Payments\"}","truncatedAlerts":0,"title":"[FIRING:1] Checkout errors Payments (critical checkout)","state":"alerting","message":"**Firing**\n\nValue: B=7.2"}
        """;

    public const string GenericFiring = """
        {"group":"nightly-backup","id":"backup-2026-01-01","status":"firing","summary":"Nightly backup failed","severity":"critical","labels":{"service":"backup"},"annotations":{"runbook_url":"https://runbooks.example.com/backup"},"startsAt":"2026-01-01T02:00:00Z","url":"https://ci.example.com/jobs/backup/123"}
        """;
}
