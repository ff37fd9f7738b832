using System.Text.Json;
using ChatOpsBot.Core.Changes;
using Octokit.Webhooks.Events;

namespace ChatOpsBot.Webhooks.Deployments;

/// <summary>
/// A GitHub <c>deployment_status</c> delivery as a deploy. Only a final state (success, failure, error) is a deploy
/// that happened; pending, queued, in_progress and inactive are acknowledged and not stored. The provider id is the
/// repository and deployment id, so the statuses of one deployment are one change.
/// </summary>
public static class GitHubDeployPayload
{
    public const string EventHeader = "X-GitHub-Event";

    public const string SignatureHeader = "X-Hub-Signature-256";

    public const string DeploymentStatusEvent = "deployment_status";

    /// <summary>The report, or null with a reason: <paramref name="ignored"/> true when the state is not final (not an error).</summary>
    public static (DeployReport? Report, string? Reason, bool Ignored) Parse(ReadOnlySpan<byte> body)
    {
        Octokit.Webhooks.Events.DeploymentStatusEvent? payload;
        try
        {
            payload = JsonSerializer.Deserialize<Octokit.Webhooks.Events.DeploymentStatusEvent>(body);
        }
        catch (JsonException)
        {
            return (null, "The body is not a deployment_status payload.", false);
        }

        if (payload?.DeploymentStatus is not { } status || payload.Deployment is not { } deployment || payload.Repository is not { } repository)
        {
            return (null, "A deployment_status payload has deployment_status, deployment and repository.", false);
        }

        var state = status.State.StringValue;
        if (state is not ("success" or "failure" or "error"))
        {
            return (null, $"State \"{state}\" is not final; the deploy is stored when it succeeds or fails.", true);
        }

        return (new DeployReport(
            $"github:{repository.FullName}:{deployment.Id}",
            repository.Name,
            status.Environment ?? deployment.Environment,
            deployment.Ref,
            state,
            deployment.CreatedAt,
            status.CreatedAt,
            deployment.Sha,
            // The payload does not carry the commit's time; lead time stays unknown for GitHub deploys.
            null,
            string.IsNullOrEmpty(status.TargetUrl) ? deployment.Url : status.TargetUrl,
            status.Creator?.Login ?? deployment.Creator?.Login), null, false);
    }
}
