using ChatOpsBot.Webhooks;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Webhooks.Deployments;

/// <summary>
/// The deploy webhook's credentials, under "Webhooks" beside the alert senders': <c>Webhooks:Deployments:BearerToken</c>
/// or <c>Webhooks:Deployments:Secret</c> (HMAC of the body) for CI, <c>Webhooks:GitHub:Secret</c> for GitHub's signature.
/// </summary>
public sealed class DeploymentWebhookOptions
{
    public DeploymentCredentials Deployments { get; set; } = new();

    public GitHubWebhookOptions GitHub { get; set; } = new();
}

public sealed class DeploymentCredentials
{
    public string? BearerToken { get; set; }

    /// <summary>HMAC-SHA256 key; senders put "sha256=&lt;hex&gt;" of the body in X-ChatOpsBot-Signature.</summary>
    public string? Secret { get; set; }

    public bool IsConfigured => !string.IsNullOrEmpty(BearerToken) || !string.IsNullOrEmpty(Secret);
}

public sealed class GitHubWebhookOptions
{
    /// <summary>The webhook's secret in GitHub; GitHub signs each delivery with it in X-Hub-Signature-256.</summary>
    public string? Secret { get; set; }
}

/// <summary>"Changes": how far back "what changed?" looks at declare.</summary>
public sealed class ChangesOptions
{
    public const string Section = "Changes";

    public int LookbackHours { get; set; } = 4;
}

internal sealed class DeploymentOptionsValidator : IValidateOptions<DeploymentWebhookOptions>, IValidateOptions<ChangesOptions>
{
    public ValidateOptionsResult Validate(string? name, DeploymentWebhookOptions options)
    {
        var failures = new[]
        {
            ("Webhooks:Deployments:BearerToken", options.Deployments.BearerToken),
            ("Webhooks:Deployments:Secret", options.Deployments.Secret),
            ("Webhooks:GitHub:Secret", options.GitHub.Secret),
        }
            .Where(s => s.Item2 is { Length: > 0 and < WebhookOptions.MinSecretLength })
            .Select(s => $"{s.Item1} must be at least {WebhookOptions.MinSecretLength} characters.")
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public ValidateOptionsResult Validate(string? name, ChangesOptions options) =>
        options.LookbackHours is >= 1 and <= 168
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Changes:LookbackHours must be between 1 and 168.");
}
