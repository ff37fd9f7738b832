using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Slack;

/// <summary>A Web API call Slack answered with {ok:false}, or gave up on. <see cref="Error"/> is Slack's code, e.g. name_taken.</summary>
public sealed class SlackApiException(string method, string error)
    : Exception($"Slack {method} failed: {error}")
{
    public string Method { get; } = method;

    public string Error { get; } = error;
}

/// <summary>
/// Sits outside the retry pipeline: adds the bot token once, and after retries are spent turns Slack's
/// "HTTP 200 even on failure" envelope (and a final non-2xx) into a typed <see cref="SlackApiException"/>.
/// </summary>
public sealed class SlackApiHandler(IOptions<SlackOptions> options) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Value.BotToken);
        var response = await base.SendAsync(request, cancellationToken);
        var method = request.RequestUri?.Segments.LastOrDefault() ?? "?";
        if (!response.IsSuccessStatusCode)
        {
            var status = response.StatusCode;
            response.Dispose();
            throw new SlackApiException(method, status == HttpStatusCode.TooManyRequests ? "ratelimited" : $"http_{(int)status}");
        }

        // Buffer, read the envelope, leave the content readable for Refit.
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        string? error = null;
        bool ok;
        try
        {
            using var json = JsonDocument.Parse(body);
            ok = json.RootElement.TryGetProperty("ok", out var okElement) && okElement.ValueKind == JsonValueKind.True;
            if (!ok && json.RootElement.TryGetProperty("error", out var errorElement))
            {
                error = errorElement.GetString();
            }
        }
        catch (JsonException)
        {
            ok = false;
            error = "invalid_response";
        }

        if (!ok)
        {
            response.Dispose();
            throw new SlackApiException(method, error ?? "unknown_error");
        }

        return response;
    }
}

/// <summary>Refit wraps what a handler throws in its own ApiRequestException; these find Slack's error inside.</summary>
public static class SlackFailures
{
    /// <summary>Slack's error code (name_taken, not_in_channel, ratelimited...) if <paramref name="ex"/> is or wraps a Slack API failure.</summary>
    public static string? SlackError(this Exception ex) => ex switch
    {
        SlackApiException slack => slack.Error,
        { InnerException: { } inner } => inner.SlackError(),
        _ => null,
    };

    /// <summary>A failure talking to Slack (its error, or the network), as opposed to a bug of ours.</summary>
    public static bool IsSlackFailure(this Exception ex) =>
        ex.SlackError() is not null || ex is HttpRequestException || ex.InnerException is HttpRequestException;
}
