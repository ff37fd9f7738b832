using ChatOpsBot.Core.Incidents;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.StatusPages;

/// <summary>Settings under "StatusPage". The Atlassian Statuspage is on when StatusPage:Atlassian:PageId is set.</summary>
public sealed class StatusPageOptions
{
    public const string Section = "StatusPage";

    /// <summary>Severities of (non-private) incidents that go on the public page.</summary>
    public List<string> Severities { get; set; } = ["sev1", "sev2"];

    /// <summary>How often status page calls still to make are retried, besides reacting to each change.</summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(30);

    public AtlassianStatusPageOptions Atlassian { get; set; } = new();

    public static bool IsEnabled(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[$"{Section}:Atlassian:{nameof(AtlassianStatusPageOptions.PageId)}"]);

    public IReadOnlySet<Severity> PublicSeverities() =>
        Severities.Select(s => SeverityText.TryParse(s, out var parsed) ? parsed : (Severity?)null).OfType<Severity>().ToHashSet();
}

public sealed class AtlassianStatusPageOptions
{
    public string? PageId { get; set; }

    /// <summary>An API key of the Statuspage account (sent as "OAuth ..."); never logged.</summary>
    public string? ApiKey { get; set; }

    public Uri ApiUrl { get; set; } = new("https://api.statuspage.io/v1/");

    /// <summary>Statuspage component ids by service: an incident whose alerts carry service=&lt;name&gt; marks that component.</summary>
    public Dictionary<string, string> Components { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>Checks the settings at start, naming the key that is wrong. Never echoes the key.</summary>
public sealed class StatusPageOptionsValidator : IValidateOptions<StatusPageOptions>
{
    public ValidateOptionsResult Validate(string? name, StatusPageOptions options)
    {
        var errors = new List<string>();
        foreach (var severity in options.Severities.Where(s => !SeverityText.TryParse(s, out _)))
        {
            errors.Add($"StatusPage:Severities entries must be sev1, sev2, sev3 or sev4 (was '{severity}').");
        }

        var atlassian = options.Atlassian;
        if (string.IsNullOrWhiteSpace(atlassian.PageId) || !atlassian.PageId.All(char.IsAsciiLetterOrDigit))
        {
            errors.Add("StatusPage:Atlassian:PageId must be the page's id (letters and digits, from the page's API settings).");
        }

        if (string.IsNullOrWhiteSpace(atlassian.ApiKey))
        {
            errors.Add("StatusPage:Atlassian:ApiKey must be set to an API key of the Statuspage account.");
        }

        if (!atlassian.ApiUrl.IsAbsoluteUri)
        {
            errors.Add("StatusPage:Atlassian:ApiUrl must be an absolute URL such as https://api.statuspage.io/v1/.");
        }

        if (options.RetryInterval < TimeSpan.FromSeconds(1) || options.RetryInterval > TimeSpan.FromHours(1))
        {
            errors.Add("StatusPage:RetryInterval must be between 00:00:01 and 01:00:00.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
