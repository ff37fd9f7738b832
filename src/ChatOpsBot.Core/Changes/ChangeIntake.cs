namespace ChatOpsBot.Core.Changes;

public enum DeployOutcome
{
    Stored,
    Duplicate,
    Refused,
}

/// <param name="Change">The stored change (the earlier one for a duplicate); null when refused.</param>
/// <param name="Reason">Why it was refused, in words a CI maintainer can act on.</param>
public sealed record DeployResult(DeployOutcome Outcome, Change? Change, string? Reason)
{
    public static DeployResult Refuse(string reason) => new(DeployOutcome.Refused, null, reason);
}

/// <summary>
/// Checks a reported deploy and stores it once. Times are where CI gets things wrong most: a time before 2000 is a
/// broken clock or a unit mix-up and is refused; a time in the future (beyond clock skew) is corrected to the time
/// received, with a note on the change, so a deploy that did happen is still counted.
/// </summary>
public sealed class ChangeIntake(IChangeStore store, TimeProvider clock)
{
    public const int MaxNameLength = 100;

    public const int MaxTextLength = 200;

    public const int MaxUrlLength = 2000;

    public static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>How far ahead of our clock a sender's may be before its time is treated as wrong.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public async Task<DeployResult> ReceiveAsync(DeployReport report, CancellationToken cancellationToken)
    {
        var checkedChange = Check(report, clock.GetUtcNow());
        if (checkedChange.Change is not { } change)
        {
            return DeployResult.Refuse(checkedChange.Error!);
        }

        var added = await store.AddAsync(change, cancellationToken);
        return new DeployResult(added.Added ? DeployOutcome.Stored : DeployOutcome.Duplicate, added.Change, null);
    }

    /// <summary>The change to store, or why the report is refused. Pure: <paramref name="now"/> is the time received.</summary>
    public static (Change? Change, string? Error) Check(DeployReport report, DateTimeOffset now)
    {
        now = now.ToUniversalTime();
        var notes = new List<string>();
        if (string.IsNullOrWhiteSpace(report.Service))
        {
            return (null, "service is required: the name of the service deployed, e.g. \"checkout\".");
        }

        var service = report.Service.Trim();
        var environment = string.IsNullOrWhiteSpace(report.Environment) ? "production" : report.Environment.Trim();
        if (string.IsNullOrWhiteSpace(report.Environment))
        {
            notes.Add("environment was missing; production is assumed.");
        }

        foreach (var (name, value, max) in new[]
        {
            ("service", service, MaxNameLength), ("environment", environment, MaxNameLength), ("version", report.Version, MaxTextLength),
            ("commitSha", report.CommitSha, MaxNameLength), ("author", report.Author, MaxTextLength),
        })
        {
            if (value is not null && (value.Length > max || value.Any(char.IsControl)))
            {
                return (null, $"{name} must be at most {max} characters, without control characters.");
            }
        }

        var status = ParseStatus(report.Status);
        if (status is null)
        {
            return (null, $"status \"{report.Status}\" is not one of success, failure, error.");
        }

        if (report.Url is { } url && (url.Length > MaxUrlLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            return (null, "url must be an absolute http(s) URL.");
        }

        foreach (var (name, value) in new[] { ("startedAt", report.StartedAt), ("finishedAt", report.FinishedAt), ("commitAt", report.CommitAt) })
        {
            if (value < Earliest)
            {
                return (null, $"{name} {value:O} is before 2000; send ISO 8601 times with an offset, e.g. 2025-11-26T09:30:00Z.");
            }
        }

        var finished = report.FinishedAt?.ToUniversalTime();
        if (finished is null)
        {
            finished = now;
            notes.Add("finishedAt was missing; the time it was received is used.");
        }
        else if (finished > now + ClockSkew)
        {
            notes.Add($"finishedAt {finished:O} was in the future; the time it was received is used.");
            finished = now;
        }

        var started = report.StartedAt?.ToUniversalTime();
        if (started > finished)
        {
            notes.Add($"startedAt {started:O} was after finishedAt and is dropped.");
            started = null;
        }

        var commitAt = report.CommitAt?.ToUniversalTime();
        if (commitAt > finished)
        {
            notes.Add($"commitAt {commitAt:O} was after finishedAt and is dropped, so this deploy has no lead time.");
            commitAt = null;
        }

        return (new Change(Change.IdFor(report.ProviderId), report.ProviderId, service, environment, Blank(report.Version), status.Value,
            started, finished.Value, Blank(report.CommitSha), commitAt, Blank(report.Url), Blank(report.Author), notes, now), null);
    }

    public static ChangeStatus? ParseStatus(string? status) => status?.Trim().ToLowerInvariant() switch
    {
        null or "" or "success" or "succeeded" or "successful" => ChangeStatus.Succeeded,
        "failure" or "failed" or "error" => ChangeStatus.Failed,
        _ => null,
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
