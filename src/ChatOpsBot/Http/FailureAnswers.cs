using ChatOpsBot.Core.Incidents;
using Microsoft.Data.Sqlite;
using StackExchange.Redis;

namespace ChatOpsBot.Http;

/// <summary>
/// The last word on a request that threw: bad input the framework refused (a malformed or oversized form, a body
/// that is not JSON) is a 400 with one line saying so; a store that does not answer is a 503 with Retry-After; and
/// only a bug is a 500, still with one line. Never an empty body, never a stack trace.
/// </summary>
public static partial class FailureAnswers
{
    public const int RetryAfterSeconds = 5;

    public static WebApplication UseFailureAnswers(this WebApplication app)
    {
        // A bare status (no route, a failed signature, a body over the limit) still gets its one line.
        app.UseStatusCodePages(async context =>
        {
            var response = context.HttpContext.Response;
            if (response.StatusCode is >= 400 and < 600 && response.ContentLength is null or 0 && string.IsNullOrEmpty(response.ContentType))
            {
                await response.WriteAsJsonAsync(new { error = BareReason(response.StatusCode) });
            }
        });
        app.Use(async (http, next) =>
        {
            try
            {
                await next(http);
            }
            catch (Exception ex) when (!http.Response.HasStarted && !http.RequestAborted.IsCancellationRequested)
            {
                var (status, message) = Classify(ex);
                var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("ChatOpsBot.Failures");
                if (status >= 500)
                {
                    LogFailed(logger, http.Request.Method, http.Request.Path, status, ex);
                }

                http.Response.Clear();
                http.Response.StatusCode = status;
                if (status == StatusCodes.Status503ServiceUnavailable)
                {
                    http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                await http.Response.WriteAsJsonAsync(new { error = message });
            }
        });
        return app;
    }

    internal static (int Status, string Message) Classify(Exception ex) => ex switch
    {
        BadHttpRequestException bad => (bad.StatusCode, $"The request could not be read: {bad.Message}"),
        InvalidDataException or IOException or System.Text.Json.JsonException or FormatException =>
            (StatusCodes.Status400BadRequest, $"The request body is malformed or too large: {OneLine(ex.Message)}"),
        StoreOutcomeUnknownException =>
            (StatusCodes.Status503ServiceUnavailable, $"The incident store did not answer in time; it may have been recorded. Try again in {RetryAfterSeconds} seconds."),
        _ when IsStoreUnavailable(ex) =>
            (StatusCodes.Status503ServiceUnavailable, $"The incident store is not answering. Try again in {RetryAfterSeconds} seconds."),
        _ => (StatusCodes.Status500InternalServerError, "Something went wrong on our side; it has been logged."),
    };

    private static string BareReason(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => "Not authenticated: the request's signature, token or sign-in is missing or wrong.",
        StatusCodes.Status403Forbidden => "Not allowed.",
        StatusCodes.Status404NotFound => "There is nothing at this address.",
        StatusCodes.Status405MethodNotAllowed => "This address does not take that method.",
        StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
        StatusCodes.Status415UnsupportedMediaType => "The request body is not of a type this address reads.",
        _ => $"HTTP {status}.",
    };

    private static bool IsStoreUnavailable(Exception ex) => ex switch
    {
        RedisException or TimeoutException => true,
        SqliteException s => s.SqliteErrorCode is 5 or 6 or 10 or 13 or 14, // busy, locked, I/O, full, cannot open
        AggregateException a => a.InnerExceptions.Any(IsStoreUnavailable),
        _ => ex.InnerException is { } inner && IsStoreUnavailable(inner),
    };

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed with {Status}")]
    private static partial void LogFailed(ILogger logger, string method, string path, int status, Exception exception);
}
