using System.Text.RegularExpressions;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Tracker;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Tracker;

/// <summary>Settings under "Tracker". On when Tracker:GitHub:Repository or Tracker:Jira:BaseUrl is set; one tracker at a time.</summary>
public sealed partial class TrackerOptions
{
    public const string Section = "Tracker";

    /// <summary>File every action item not filed yet when the incident is closed, as if someone typed <c>/incident action export</c>.</summary>
    public bool ExportOnClose { get; set; }

    /// <summary>How often items still to file are retried, besides reacting to each change.</summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(30);

    public GitHubTrackerOptions GitHub { get; set; } = new();

    public JiraTrackerOptions Jira { get; set; } = new();

    public static bool IsEnabled(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[$"{Section}:GitHub:{nameof(GitHubTrackerOptions.Repository)}"])
        || !string.IsNullOrWhiteSpace(configuration[$"{Section}:Jira:{nameof(JiraTrackerOptions.BaseUrl)}"]);

    public bool UsesGitHub => !string.IsNullOrWhiteSpace(GitHub.Repository);

    public TrackerSettings ToSettings() => new(UsesGitHub ? $"GitHub {GitHub.Repository}" : $"Jira {Jira.ProjectKey}", ExportOnClose);

    [GeneratedRegex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")]
    internal static partial Regex RepositoryName();

    [GeneratedRegex("^[A-Z][A-Z0-9_]{1,9}$")]
    internal static partial Regex ProjectKey();
}

public sealed class GitHubTrackerOptions
{
    /// <summary>"owner/name" of the repository issues are filed in.</summary>
    public string? Repository { get; set; }

    /// <summary>A token that may create issues there (fine-grained: Issues read and write).</summary>
    public string? Token { get; set; }

    /// <summary>https://api.github.com/, or https://github.example.com/api/v3/ for GitHub Enterprise Server.</summary>
    public Uri ApiUrl { get; set; } = new("https://api.github.com/");

    /// <summary>The repository webhook's secret; /webhooks/github takes "issues" events only when it is set.</summary>
    public string? WebhookSecret { get; set; }

    public List<string> Labels { get; set; } = ["incident-action-item"];
}

public sealed class JiraTrackerOptions
{
    /// <summary>https://your-domain.atlassian.net/</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>The Atlassian account's e-mail; with <see cref="ApiToken"/> it is the basic-auth credential.</summary>
    public string? Email { get; set; }

    public string? ApiToken { get; set; }

    public string? ProjectKey { get; set; }

    public string IssueType { get; set; } = "Task";

    /// <summary>The Jira webhook's secret (X-Hub-Signature); /webhooks/jira takes issue updates only when it is set.</summary>
    public string? WebhookSecret { get; set; }
}

/// <summary>Checks the settings at start, naming the key that is wrong. Never echoes a token.</summary>
public sealed class TrackerOptionsValidator : IValidateOptions<TrackerOptions>
{
    public ValidateOptionsResult Validate(string? name, TrackerOptions options)
    {
        var errors = new List<string>();
        var github = options.GitHub;
        var jira = options.Jira;
        if (options.UsesGitHub && jira.BaseUrl is not null)
        {
            errors.Add("Tracker: set either Tracker:GitHub:Repository or Tracker:Jira:BaseUrl, not both.");
        }

        if (options.UsesGitHub)
        {
            if (!TrackerOptions.RepositoryName().IsMatch(github.Repository!))
            {
                errors.Add($"Tracker:GitHub:Repository must be owner/name, e.g. acme/web (was '{github.Repository}').");
            }

            if (string.IsNullOrWhiteSpace(github.Token))
            {
                errors.Add("Tracker:GitHub:Token must be a token that may create issues in the repository.");
            }

            if (!github.ApiUrl.IsAbsoluteUri)
            {
                errors.Add("Tracker:GitHub:ApiUrl must be an absolute URL such as https://api.github.com/.");
            }

            if (github.WebhookSecret is { Length: > 0 and < 16 })
            {
                errors.Add("Tracker:GitHub:WebhookSecret must be at least 16 characters.");
            }
        }
        else if (jira.BaseUrl is not null)
        {
            if (!jira.BaseUrl.IsAbsoluteUri)
            {
                errors.Add("Tracker:Jira:BaseUrl must be an absolute URL such as https://your-domain.atlassian.net/.");
            }

            if (string.IsNullOrWhiteSpace(jira.Email) || string.IsNullOrWhiteSpace(jira.ApiToken))
            {
                errors.Add("Tracker:Jira:Email and Tracker:Jira:ApiToken must both be set (an Atlassian account and its API token).");
            }

            if (jira.ProjectKey is null || !TrackerOptions.ProjectKey().IsMatch(jira.ProjectKey))
            {
                errors.Add("Tracker:Jira:ProjectKey must be the project's key, e.g. OPS.");
            }

            if (jira.WebhookSecret is { Length: > 0 and < 16 })
            {
                errors.Add("Tracker:Jira:WebhookSecret must be at least 16 characters.");
            }
        }

        if (options.RetryInterval < TimeSpan.FromSeconds(1) || options.RetryInterval > TimeSpan.FromHours(1))
        {
            errors.Add("Tracker:RetryInterval must be between 00:00:01 and 01:00:00.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
