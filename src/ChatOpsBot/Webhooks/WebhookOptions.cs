using ChatOpsBot.Core.Alerts;
using ChatOpsBot.Core.Incidents;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Webhooks;

/// <summary>Settings under "Webhooks": alert intake from Alertmanager, Grafana and any signed JSON sender.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>Bodies over this are refused with 413 before parsing: a real alert group is a few kilobytes.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    public const int MinSecretLength = 16;

    /// <summary>POST /webhooks/alertmanager; off (404) until a bearer token or a username and password are set.</summary>
    public WebhookCredentials Alertmanager { get; set; } = new();

    /// <summary>POST /webhooks/grafana; off (404) until a bearer token or a username and password are set.</summary>
    public WebhookCredentials Grafana { get; set; } = new();

    /// <summary>POST /webhooks/generic; off (404) until a signing secret is set.</summary>
    public GenericWebhookOptions Generic { get; set; } = new();

    /// <summary>Where "Declare incident?" prompts go, on the default chat platform.</summary>
    public string TriageChannel { get; set; } = "triage";

    /// <summary>How long before a group nobody declared is offered again.</summary>
    public TimeSpan PromptCooldown { get; set; } = TimeSpan.FromHours(4);

    /// <summary>Routing rules, most severe first; when unset, the defaults (critical → SEV1 declared, warning → SEV3 prompt).</summary>
    public List<AlertRuleOptions>? Rules { get; set; }

    public AlertRouting ToRouting() => Rules is null ? AlertRouting.Default : new AlertRouting([.. Rules.Select(r => r.ToRule())]);
}

public sealed class WebhookCredentials
{
    public string? BearerToken { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    public bool IsConfigured => !string.IsNullOrEmpty(BearerToken) || (!string.IsNullOrEmpty(Username) && !string.IsNullOrEmpty(Password));
}

public sealed class GenericWebhookOptions
{
    /// <summary>The HMAC-SHA256 key senders sign the body with (header X-ChatOpsBot-Signature: sha256=&lt;hex&gt;).</summary>
    public string? Secret { get; set; }

    public bool IsConfigured => !string.IsNullOrEmpty(Secret);
}

/// <summary>One rule as written in configuration: <c>{ "Match": { "severity": "critical" }, "Severity": "sev1", "Action": "declare" }</c>.</summary>
public sealed class AlertRuleOptions
{
    public Dictionary<string, string> Match { get; set; } = [];

    public string Severity { get; set; } = "sev4";

    /// <summary>"declare" or "prompt".</summary>
    public string Action { get; set; } = "prompt";

    public bool AutoResolve { get; set; }

    public AlertRule ToRule() => new(
        new Dictionary<string, string>(Match, StringComparer.Ordinal),
        SeverityText.TryParse(Severity, out var severity) ? severity : Core.Incidents.Severity.Sev4,
        Enum.TryParse<AlertAction>(Action, ignoreCase: true, out var action) ? action : AlertAction.Prompt,
        AutoResolve);
}

internal sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        var failures = new List<string>();
        Check(options.Alertmanager, "Alertmanager", failures);
        Check(options.Grafana, "Grafana", failures);
        if (options.Generic.Secret is { Length: > 0 and < WebhookOptions.MinSecretLength })
        {
            failures.Add($"Webhooks:Generic:Secret must be at least {WebhookOptions.MinSecretLength} characters.");
        }

        if (!System.Text.RegularExpressions.Regex.IsMatch(options.TriageChannel.Trim().TrimStart('#'), "^[A-Za-z0-9][A-Za-z0-9_-]{0,79}$"))
        {
            failures.Add($"Webhooks:TriageChannel '{options.TriageChannel}' is not a channel name: letters, digits, '-' or '_'.");
        }

        if (options.PromptCooldown < TimeSpan.FromMinutes(1) || options.PromptCooldown > TimeSpan.FromDays(7))
        {
            failures.Add("Webhooks:PromptCooldown must be between 00:01:00 and 7.00:00:00.");
        }

        for (var i = 0; i < (options.Rules?.Count ?? 0); i++)
        {
            var rule = options.Rules![i];
            if (!SeverityText.TryParse(rule.Severity, out _))
            {
                failures.Add($"Webhooks:Rules:{i}:Severity '{rule.Severity}' must be sev1, sev2, sev3 or sev4.");
            }

            if (!Enum.TryParse<AlertAction>(rule.Action, ignoreCase: true, out var action) || !Enum.IsDefined(action) || int.TryParse(rule.Action, out _))
            {
                failures.Add($"Webhooks:Rules:{i}:Action '{rule.Action}' must be declare or prompt.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(WebhookCredentials credentials, string name, List<string> failures)
    {
        if (credentials.BearerToken is { Length: > 0 and < WebhookOptions.MinSecretLength })
        {
            failures.Add($"Webhooks:{name}:BearerToken must be at least {WebhookOptions.MinSecretLength} characters.");
        }

        if (string.IsNullOrEmpty(credentials.Username) != string.IsNullOrEmpty(credentials.Password))
        {
            failures.Add($"Webhooks:{name}:Username and Webhooks:{name}:Password go together; set both or neither.");
        }
        else if (credentials.Password is { Length: > 0 and < WebhookOptions.MinSecretLength })
        {
            failures.Add($"Webhooks:{name}:Password must be at least {WebhookOptions.MinSecretLength} characters.");
        }
    }
}
