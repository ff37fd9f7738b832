using System.Text.Json;
using Polly.Timeout;
using Refit;

namespace ChatOpsBot.Http;

/// <summary>
/// One Refit call to an integration's API (PagerDuty, Opsgenie, Jira, Statuspage), its failures told apart the same
/// way for each, so the channel hears one kind of sentence whichever provider failed: not reached, no answer in time,
/// or the HTTP status with the reason the provider's error body gives. The caller's own cancellation is not the
/// provider's failure and passes through.
/// </summary>
public static class ProviderCall
{
    private const int MaxReason = 200;

    /// <param name="provider">The provider's name as people know it, for the failure's sentence.</param>
    /// <param name="reason">Reads the provider's error body; null when it says nothing. A body that is not what it
    /// expects (not JSON, another shape) gives the status alone.</param>
    /// <param name="failure">Builds the provider's own exception from the sentence and the cause.</param>
    /// <param name="during">Said after the status, e.g. " to the search for issues filed earlier".</param>
    /// <returns>The successful response's content, which may be null when the provider answers with no body.</returns>
    public static async Task<T?> SendAsync<T>(string provider, Func<Task<IApiResponse<T>>> call, Func<string, string?> reason,
        Func<string, Exception?, Exception> failure, CancellationToken cancellationToken, string during = "")
    {
        IApiResponse<T> response;
        try
        {
            response = await call();
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or TimeoutRejectedException && !cancellationToken.IsCancellationRequested)
        {
            throw failure(ex is HttpRequestException ? $"{provider} could not be reached" : $"{provider} did not answer in time", ex);
        }

        using (response)
        {
            if (response.StatusCode is not { } status)
            {
                // Refit hands a network failure back as a response without a status.
                throw failure($"{provider} could not be reached", response.Error);
            }

            if (response.IsSuccessful)
            {
                return response.Content;
            }

            var text = ReasonIn((response.Error as ApiException)?.Content, reason);
            throw failure($"{provider} answered HTTP {(int)status}{during}{(string.IsNullOrWhiteSpace(text) ? "" : $": {Cut(text)}")}", response.Error);
        }
    }

    private static string? ReasonIn(string? body, Func<string, string?> reason)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            return reason(body);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    private static string Cut(string text) => text.Length <= MaxReason ? text : text[..(MaxReason - 1)] + "…";
}
