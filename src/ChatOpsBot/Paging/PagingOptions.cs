using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Paging;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Paging;

/// <summary>Settings under "Paging". Paging is on when a PagerDuty routing key or an Opsgenie API key is set.</summary>
public sealed class PagingOptions
{
    public const string Section = "Paging";

    /// <summary>Severities that page the on-call automatically when declared.</summary>
    public List<string> Severities { get; set; } = ["sev1"];

    /// <summary>What the automatic page, and a page of no particular team, is addressed to.</summary>
    public string DefaultTarget { get; set; } = "on-call";

    /// <summary>How often pages still to send or resolve are retried, besides reacting to each change.</summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>First back-off inside one attempt for a provider's 5xx, 429 or network error; doubles per retry.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public PagerDutyOptions PagerDuty { get; set; } = new();

    public OpsgenieOptions Opsgenie { get; set; } = new();

    public static bool IsEnabled(IConfiguration configuration) =>
        PagerDutyOptions.IsEnabled(configuration) || OpsgenieOptions.IsEnabled(configuration);

    public PagingSettings ToSettings()
    {
        var severities = Severities.Select(s => SeverityText.TryParse(s, out var parsed) ? parsed : (Severity?)null).OfType<Severity>().ToHashSet();
        List<string> providers = [.. PagerDuty.IsConfigured ? [PagerDutyProvider.ProviderName] : Array.Empty<string>(),
            .. Opsgenie.IsConfigured ? [OpsgenieProvider.ProviderName] : Array.Empty<string>()];
        return new PagingSettings(providers, severities, DefaultTarget.Trim());
    }
}

public sealed class PagerDutyOptions
{
    /// <summary>The 32-character integration key of an Events API v2 integration: where the default target's pages go.</summary>
    public string? RoutingKey { get; set; }

    /// <summary>Integration keys of other services, by the name typed in <c>/incident page &lt;name&gt;</c>.</summary>
    public Dictionary<string, string> RoutingKeys { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public Uri EventsUrl { get; set; } = new("https://events.pagerduty.com/");

    /// <summary>The V3 webhook subscription's secret; /webhooks/pagerduty takes acknowledgements only when it is set.</summary>
    public string? WebhookSecret { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(RoutingKey);

    public string RoutingKeyFor(string target) => RoutingKeys.GetValueOrDefault(target) ?? RoutingKey!;

    public static bool IsEnabled(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[$"{PagingOptions.Section}:PagerDuty:{nameof(RoutingKey)}"]);
}

public sealed class OpsgenieOptions
{
    /// <summary>The API key of an Opsgenie API integration (sent as "GenieKey ...").</summary>
    public string? ApiKey { get; set; }

    /// <summary>https://api.opsgenie.com/ or, for EU accounts, https://api.eu.opsgenie.com/.</summary>
    public Uri BaseUrl { get; set; } = new("https://api.opsgenie.com/");

    /// <summary>The bearer token the Opsgenie webhook integration sends (as a custom header); /webhooks/opsgenie needs it.</summary>
    public string? WebhookToken { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ApiKey);

    public static bool IsEnabled(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[$"{PagingOptions.Section}:Opsgenie:{nameof(ApiKey)}"]);
}

/// <summary>Checks the settings at start, naming the key that is wrong. Never echoes a key or secret.</summary>
public sealed class PagingOptionsValidator : IValidateOptions<PagingOptions>
{
    public ValidateOptionsResult Validate(string? name, PagingOptions options)
    {
        var errors = new List<string>();
        foreach (var severity in options.Severities.Where(s => !SeverityText.TryParse(s, out _)))
        {
            errors.Add($"Paging:Severities entries must be sev1, sev2, sev3 or sev4 (was '{severity}').");
        }

        if (string.IsNullOrWhiteSpace(options.DefaultTarget) || options.DefaultTarget.Trim().Length > Incident.MaxPageTargetLength)
        {
            errors.Add($"Paging:DefaultTarget must name the team the automatic page goes to, up to {Incident.MaxPageTargetLength} characters.");
        }

        if (options.RetryInterval < TimeSpan.FromSeconds(1) || options.RetryInterval > TimeSpan.FromHours(1))
        {
            errors.Add("Paging:RetryInterval must be between 00:00:01 and 01:00:00.");
        }

        if (options.RetryDelay <= TimeSpan.Zero)
        {
            errors.Add("Paging:RetryDelay must be more than zero.");
        }

        var pd = options.PagerDuty;
        if (pd.IsConfigured)
        {
            if (!IsIntegrationKey(pd.RoutingKey!))
            {
                errors.Add("Paging:PagerDuty:RoutingKey must be the 32-character integration key of an Events API v2 integration.");
            }

            foreach (var (target, key) in pd.RoutingKeys.Where(k => !IsIntegrationKey(k.Value)))
            {
                errors.Add($"Paging:PagerDuty:RoutingKeys:{target} must be a 32-character Events API v2 integration key.");
            }

            if (!pd.EventsUrl.IsAbsoluteUri)
            {
                errors.Add("Paging:PagerDuty:EventsUrl must be an absolute URL such as https://events.pagerduty.com/.");
            }

            if (pd.WebhookSecret is { Length: > 0 and < 16 })
            {
                errors.Add("Paging:PagerDuty:WebhookSecret must be the webhook subscription's signing secret.");
            }
        }

        var og = options.Opsgenie;
        if (og.IsConfigured)
        {
            if (og.ApiKey!.Length < 16 || og.ApiKey.Any(char.IsWhiteSpace))
            {
                errors.Add("Paging:Opsgenie:ApiKey must be the API key of an Opsgenie API integration.");
            }

            if (!og.BaseUrl.IsAbsoluteUri)
            {
                errors.Add("Paging:Opsgenie:BaseUrl must be an absolute URL such as https://api.opsgenie.com/.");
            }

            if (og.WebhookToken is { Length: > 0 and < 16 })
            {
                errors.Add("Paging:Opsgenie:WebhookToken must be at least 16 characters.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsIntegrationKey(string key) => key.Length == 32 && key.All(char.IsAsciiLetterOrDigit);
}
