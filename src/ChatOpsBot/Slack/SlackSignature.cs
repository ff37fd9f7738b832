using System.Globalization;
using System.Text;
using ChatOpsBot.Http;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Slack;

/// <summary>
/// Slack's v0 request signature (https://api.slack.com/authentication/verifying-requests-from-slack): HMAC-SHA256 over "v0:{timestamp}:{raw body}" with the
/// signing secret, compared in constant time, and a timestamp window against replays. Unlike SlackNet we
/// compare with FixedTimeEquals and do check the timestamp.
/// </summary>
public static partial class SlackSignature
{
    // Slack's payloads are a few kB; a larger unauthenticated body is not worth buffering.
    private const int MaxBodyBytes = 1024 * 1024;

    public static string Compute(string signingSecret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"v0:{timestamp}:");
        var data = new byte[prefix.Length + body.Length];
        prefix.CopyTo(data, 0);
        body.CopyTo(data.AsSpan(prefix.Length));
        return "v0=" + Convert.ToHexStringLower(ConstantTime.HmacSha256(signingSecret, data));
    }

    public static bool IsValid(string signingSecret, string? timestamp, string? signature, ReadOnlySpan<byte> body,
        DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature)
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }

        // Both directions: a timestamp far in the future is as suspect as a stale one.
        if (Math.Abs(now.ToUnixTimeSeconds() - seconds) > tolerance.TotalSeconds)
        {
            return false;
        }

        return ConstantTime.Matches(signature, Compute(signingSecret, timestamp, body));
    }

    /// <summary>
    /// Verifies before anything is parsed: buffers the raw body, checks it, rewinds it for the endpoint.
    /// A bad request gets 401 and a log line with the reason, never the secret or the body.
    /// </summary>
    public static RouteGroupBuilder RequireSlackSignature(this RouteGroupBuilder group) =>
        group.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var options = http.RequestServices.GetRequiredService<IOptions<SlackOptions>>().Value;
            var clock = http.RequestServices.GetRequiredService<TimeProvider>();
            var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("ChatOpsBot.Slack.Signature");

            var body = await BoundedBody.ReadAndRewindAsync(http.Request, MaxBodyBytes, http.RequestAborted);
            if (body is null)
            {
                LogRefused(logger, http.Request.Path, "body too large");
                return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
            }

            var timestamp = http.Request.Headers["X-Slack-Request-Timestamp"].ToString();
            var signature = http.Request.Headers["X-Slack-Signature"].ToString();
            if (!IsValid(options.SigningSecret!, timestamp, signature, body, clock.GetUtcNow(), options.SignatureTolerance))
            {
                LogRefused(logger, http.Request.Path, signature.Length == 0 ? "no signature" : "bad signature or stale timestamp");
                return Results.Unauthorized();
            }

            return await next(context);
        });

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a Slack request to {Path}: {Reason}")]
    private static partial void LogRefused(ILogger logger, PathString path, string reason);
}
