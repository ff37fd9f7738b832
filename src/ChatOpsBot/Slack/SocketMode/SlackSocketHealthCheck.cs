using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChatOpsBot.Slack.SocketMode;

/// <summary>
/// /readyz with Socket Mode on: Degraded, not Unhealthy, while the socket is (re)connecting, so the web console
/// and webhooks of this replica keep taking traffic while Slack is unreachable.
/// </summary>
public sealed class SlackSocketHealthCheck(SlackSocketModeClient client) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(client.IsConnected
            ? HealthCheckResult.Healthy("Slack Socket Mode connected")
            : HealthCheckResult.Degraded("Slack Socket Mode is connecting"));
}
