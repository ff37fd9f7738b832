using System.Text.Json.Serialization;
using ChatOpsBot.Core.Incidents;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Tracker;

/// <summary>
/// POST /webhooks/github: the repository webhook's "issues" events, signed with X-Hub-Signature-256 or 401. An issue
/// the bot filed that is closed as completed marks its action item done; closing it as "not planned", other actions,
/// other issues and other events (ping) are accepted and change nothing. GitHub does not redeliver on its own, and a
/// redelivery of the same close is a no-op.
/// </summary>
public static partial class GitHubIssuesWebhook
{
    public const string SignatureHeader = "X-Hub-Signature-256";

    public static async Task<IResult> HandleAsync(HttpContext http, IncidentService incidents, IOptions<TrackerOptions> options, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger("ChatOpsBot.Tracker.GitHub");
        var ct = http.RequestAborted;
        var (e, refusal) = await TrackedItems.ReadSignedAsync<IssuesEvent>(http.Request, SignatureHeader, options.Value.GitHub.WebhookSecret!, logger, ct);
        if (refusal is not null)
        {
            return refusal;
        }

        if (http.Request.Headers["X-GitHub-Event"] != "issues")
        {
            return Results.Accepted();
        }

        if (e is not { Action: { } action, Issue.Number: > 0, Repository.FullName: { } repository })
        {
            return Results.Problem("Expected a GitHub issues event with action, issue and repository.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (action != "closed" || e.Issue.StateReason == "not_planned")
        {
            return Results.Accepted();
        }

        var key = $"{repository}#{e.Issue.Number}";
        var closer = new Actor($"github:{e.Sender?.Login ?? "unknown"}", e.Sender?.Login);
        if (await TrackedItems.MarkDoneAsync(incidents, GitHubTracker.TrackerName, key, new EventContext(closer, EventSource.Integration, e.Issue.ClosedAt), ct) is { } number)
        {
            LogClosed(logger, number, key);
        }

        return Results.Accepted();
    }

    private sealed record IssuesEvent(
        [property: JsonPropertyName("action")] string? Action,
        [property: JsonPropertyName("issue")] Issue? Issue,
        [property: JsonPropertyName("repository")] Repository? Repository,
        [property: JsonPropertyName("sender")] Sender? Sender);

    private sealed record Issue(
        [property: JsonPropertyName("number")] int Number,
        [property: JsonPropertyName("state_reason")] string? StateReason,
        [property: JsonPropertyName("closed_at")] DateTimeOffset? ClosedAt);

    private sealed record Repository([property: JsonPropertyName("full_name")] string? FullName);

    private sealed record Sender([property: JsonPropertyName("login")] string? Login);

    [LoggerMessage(Level = LogLevel.Information, Message = "{IssueKey} closed: action item of INC-{IncidentNumber} done")]
    private static partial void LogClosed(ILogger logger, int incidentNumber, string issueKey);
}
