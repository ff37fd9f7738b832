using System.Text.Json;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Http;

namespace ChatOpsBot.Tracker;

/// <summary>What the tracker webhooks share: the signed body, finding the incident an issue belongs to, and marking its item done.</summary>
public static partial class TrackedItems
{
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>
    /// The body read as <typeparamref name="T"/> when it is within the limit and signed with <paramref name="secret"/>
    /// in <paramref name="header"/>; else the refusal to answer (logged). A signed body that is not JSON of that shape
    /// reads as a null payload with no refusal, for the webhook to answer with what it expected.
    /// </summary>
    public static async Task<(T? Payload, IResult? Refusal)> ReadSignedAsync<T>(HttpRequest request, string header, string secret, ILogger logger,
        CancellationToken cancellationToken) where T : class
    {
        var body = await BoundedBody.ReadAsync(request, MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return (null, Results.Problem($"The body is over {MaxBodyBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge));
        }

        if (!Sha256Signature.IsValid(request.Headers[header], body, secret))
        {
            LogRefused(logger, header);
            return (null, Results.Problem($"Missing or wrong {header}.", statusCode: StatusCodes.Status401Unauthorized));
        }

        try
        {
            return (JsonSerializer.Deserialize<T>(body), null);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    /// <summary>Marks done the action item filed as <paramref name="issueKey"/>; the incident's number, or null when no incident filed it.</summary>
    public static async Task<int?> MarkDoneAsync(IncidentService incidents, string tracker, string issueKey, EventContext context, CancellationToken cancellationToken)
    {
        if (await FindAsync(incidents, tracker, issueKey, cancellationToken) is not { } incident)
        {
            return null;
        }

        await incidents.ExecuteAsync(incident.Number, i => i.RecordIssueClosed(tracker, issueKey), context, cancellationToken);
        return incident.Number;
    }

    /// <summary>The incident whose action item is filed as <paramref name="issueKey"/>, from the timelines (the only record of it).</summary>
    public static async Task<Incident?> FindAsync(IncidentService incidents, string tracker, string issueKey, CancellationToken cancellationToken) =>
        (await incidents.Reader.ListAsync(cancellationToken)).FirstOrDefault(i =>
            i.TrackedIssues.Values.Any(t => t.Tracker == tracker && t.Key.Equals(issueKey, StringComparison.OrdinalIgnoreCase)));

    /// <summary>The signature header's value, as GitHub (X-Hub-Signature-256) and Jira (X-Hub-Signature) send it.</summary>
    public static string Sign(ReadOnlySpan<byte> body, string secret) => Sha256Signature.Sign(body, secret);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a tracker webhook: missing or wrong {Header}")]
    private static partial void LogRefused(ILogger logger, string header);
}
