namespace ChatOpsBot.Core.Changes;

/// <summary>
/// A deploy as a sender described it, before intake checks it: the generic JSON body's fields, or what a GitHub
/// <c>deployment_status</c> says. <see cref="ProviderId"/> identifies the deploy at the sender.
/// </summary>
public sealed record DeployReport(
    string ProviderId,
    string? Service,
    string? Environment,
    string? Version,
    string? Status,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? CommitSha,
    DateTimeOffset? CommitAt,
    string? Url,
    string? Author);
