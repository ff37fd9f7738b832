using System.Text.Json.Serialization;
using ChatOpsBot.Core.Incidents;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Tracker;

/// <summary>
/// POST /webhooks/jira: a Jira webhook for "issue updated", signed with its secret (X-Hub-Signature: sha256=...) or
/// 401. An issue the bot filed whose status is now in the "done" category marks its action item done; anything
/// else is accepted and changes nothing.
/// </summary>
public static partial class JiraIssueWebhook
{
    public const string SignatureHeader = "X-Hub-Signature";

    public static async Task<IResult> HandleAsync(HttpContext http, IncidentService incidents, IOptions<TrackerOptions> options, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger("ChatOpsBot.Tracker.Jira");
        var ct = http.RequestAborted;
        var (e, refusal) = await TrackedItems.ReadSignedAsync<IssueEvent>(http.Request, SignatureHeader, options.Value.Jira.WebhookSecret!, logger, ct);
        if (refusal is not null)
        {
            return refusal;
        }

        if (e is not { WebhookEvent: { } kind, Issue.Key: { } key })
        {
            return Results.Problem("Expected a Jira issue webhook with webhookEvent and issue.key.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (kind != "jira:issue_updated" || e.Issue.Fields?.Status?.StatusCategory?.Key != "done")
        {
            return Results.Accepted();
        }

        var who = new Actor($"jira:{e.User?.AccountId ?? "unknown"}", e.User?.DisplayName);
        if (await TrackedItems.MarkDoneAsync(incidents, JiraTracker.TrackerName, key, new EventContext(who, EventSource.Integration), ct) is { } number)
        {
            LogClosed(logger, number, key);
        }

        return Results.Accepted();
    }

    private sealed record IssueEvent(
        [property: JsonPropertyName("webhookEvent")] string? WebhookEvent,
        [property: JsonPropertyName("issue")] Issue? Issue,
        [property: JsonPropertyName("user")] User? User);

    private sealed record Issue([property: JsonPropertyName("key")] string? Key, [property: JsonPropertyName("fields")] Fields? Fields);

    private sealed record Fields([property: JsonPropertyName("status")] Status? Status);

    private sealed record Status([property: JsonPropertyName("statusCategory")] StatusCategory? StatusCategory);

    private sealed record StatusCategory([property: JsonPropertyName("key")] string? Key);

    private sealed record User([property: JsonPropertyName("accountId")] string? AccountId, [property: JsonPropertyName("displayName")] string? DisplayName);

    [LoggerMessage(Level = LogLevel.Information, Message = "{IssueKey} done: action item of INC-{IncidentNumber} done")]
    private static partial void LogClosed(ILogger logger, int incidentNumber, string issueKey);
}
