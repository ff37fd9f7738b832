using System.Net;
using ChatOpsBot.Core.Messages;
using Refit;

namespace ChatOpsBot.Teams;

/// <summary>
/// Turns what is left of a Teams outage after the HTTP retries (TeamsExtensions: 429, 412, 502, 504 and network
/// errors, with back-off) into the port's <see cref="ChatUnavailableException"/>, so the reconciler retries the step
/// later and counts it as ratelimited or unavailable. Anything else (a 400, a 403) is a real failure and goes on as is.
/// </summary>
public static class TeamsFailures
{
    public static async Task<T> GuardAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (Unavailable(ex, cancellationToken) is { } unavailable)
        {
            throw unavailable;
        }
    }

    public static Task GuardAsync(Func<Task> call, CancellationToken cancellationToken) =>
        GuardAsync(async () => { await call(); return true; }, cancellationToken);

    public static ChatUnavailableException? Unavailable(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        // Refit wraps what failed before any response in ApiRequestException.
        ApiRequestException { InnerException: { } inner } when inner is HttpRequestException or TaskCanceledException => Unavailable(inner, cancellationToken),
        ChatUnavailableException => null,
        ApiException { StatusCode: HttpStatusCode.TooManyRequests } api =>
            new(TeamsChatPlatform.PlatformName, "HTTP 429 from " + Where(api), isRateLimit: true, RetryAfter(api), api),
        ApiException { StatusCode: HttpStatusCode.PreconditionFailed or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout } api =>
            new(TeamsChatPlatform.PlatformName, $"HTTP {(int)api.StatusCode} from {Where(api)}", isRateLimit: false, RetryAfter(api), api),
        HttpRequestException http => new(TeamsChatPlatform.PlatformName, http.Message, isRateLimit: false, inner: http),
        // HttpClient's timeout surfaces as a cancellation nobody asked for.
        TaskCanceledException timeout when !cancellationToken.IsCancellationRequested =>
            new(TeamsChatPlatform.PlatformName, "the request timed out", isRateLimit: false, inner: timeout),
        _ => null,
    };

    private static string Where(ApiException api) => api.RequestMessage?.RequestUri?.Host ?? "Teams";

    private static TimeSpan? RetryAfter(ApiException api) => api.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        // An HTTP date is read against the response's own Date, so no clock of ours is involved.
        { Date: { } date } when api.Headers.Date is { } sent => date > sent ? date - sent : TimeSpan.Zero,
        _ => null,
    };
}
