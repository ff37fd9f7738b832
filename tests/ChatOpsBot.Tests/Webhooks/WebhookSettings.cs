namespace ChatOpsBot.Tests.Webhooks;

internal static class WebhookSettings
{
    public const string Token = "am-token-0123456789abcdef";
    public const string GrafanaUser = "grafana";
    public const string GrafanaPassword = "gf-password-0123456789";
    public const string GenericSecret = "generic-secret-0123456789";

    public static Dictionary<string, string?> All(params (string Key, string? Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Webhooks:Alertmanager:BearerToken"] = Token,
            ["Webhooks:Grafana:Username"] = GrafanaUser,
            ["Webhooks:Grafana:Password"] = GrafanaPassword,
            ["Webhooks:Generic:Secret"] = GenericSecret,
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }
}
