using System.Security.Cryptography;
using System.Text;

namespace ChatOpsBot.Core.Changes;

/// <summary>How a deploy ended. Only a <see cref="Succeeded"/> deploy reached its environment and counts as a deployment.</summary>
public enum ChangeStatus
{
    Succeeded,
    Failed,
}

/// <summary>
/// A deploy reported by CI (the generic JSON body) or by GitHub (<c>deployment_status</c>). <see cref="ProviderId"/> is the
/// sender's own identity of the deploy ("github:42", "generic:..."); <see cref="Id"/> is derived from it, so the same
/// deploy reported twice has one id and is stored once. <see cref="Notes"/> say what intake corrected.
/// </summary>
public sealed record Change(
    string Id,
    string ProviderId,
    string Service,
    string Environment,
    string? Version,
    ChangeStatus Status,
    DateTimeOffset? StartedAt,
    DateTimeOffset FinishedAt,
    string? CommitSha,
    DateTimeOffset? CommitAt,
    string? Url,
    string? Author,
    IReadOnlyList<string> Notes,
    DateTimeOffset ReceivedAt)
{
    public const string IdPrefix = "chg-";

    /// <summary>Commit to deploy finished: DORA's lead time for changes; null when the commit time is unknown.</summary>
    public TimeSpan? LeadTime => CommitAt is { } commit && commit <= FinishedAt ? FinishedAt - commit : null;

    /// <summary>A short id people can type (<c>/incident change chg-1a2b3c4d5e</c>), the same for the same provider id on every replica.</summary>
    public static string IdFor(string providerId) =>
        IdPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(providerId)))[..10];

    /// <summary>One line for chat: "checkout 1.4.2 to production by alice, 12 min ago".</summary>
    public string Describe() =>
        $"{Service}{(Version is null ? "" : $" {Version}")} to {Environment}{(Status == ChangeStatus.Failed ? " (failed)" : "")}{(Author is null ? "" : $" by {Author}")}";

    // Value equality over the list of notes, so a record read back from a store equals the one written.
    public bool Equals(Change? other) =>
        other is not null && Id == other.Id && ProviderId == other.ProviderId && Service == other.Service && Environment == other.Environment
        && Version == other.Version && Status == other.Status && StartedAt == other.StartedAt && FinishedAt == other.FinishedAt
        && CommitSha == other.CommitSha && CommitAt == other.CommitAt && Url == other.Url && Author == other.Author
        && Notes.SequenceEqual(other.Notes) && ReceivedAt == other.ReceivedAt;

    public override int GetHashCode() => HashCode.Combine(Id, ProviderId, FinishedAt);
}
