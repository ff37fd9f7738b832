using System.Text.Json;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Teams;

/// <summary>
/// POST /api/messages, the Bot Framework messaging endpoint (Bot Framework REST docs). The token is checked before the body
/// is read; then the body is parsed (bounded in size) and the token tied to it (endorsement, serviceUrl). Only then
/// is anything learned from the activity or done with it.
/// </summary>
public static partial class TeamsMessagesEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext http, BotFrameworkAuth auth, TeamsActivityHandler handler, TeamsReferences references,
        IOptions<TeamsOptions> options, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger("ChatOpsBot.Teams.Messages");
        var ct = http.RequestAborted;
        var token = await auth.ValidateAsync(http.Request.Headers.Authorization.ToString() is { Length: > 0 } h ? h : null, ct);
        if (token is null)
        {
            return Results.Text("A valid Bot Framework token is required.", statusCode: StatusCodes.Status401Unauthorized);
        }

        var max = options.Value.MaxActivityBytes;
        if (http.Request.ContentLength > max)
        {
            return Results.Text($"Activities are limited to {max} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var body = await ReadAtMostAsync(http.Request.Body, max + 1, ct);
        if (body.Length > max)
        {
            return Results.Text($"Activities are limited to {max} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize<Activity>(body, TeamsJson.Options);
        }
        catch (JsonException)
        {
            activity = null;
        }

        if (activity is not { Type.Length: > 0, ServiceUrl.Length: > 0, Conversation.Id.Length: > 0, From.Id.Length: > 0 })
        {
            LogMalformed(logger);
            return Results.BadRequest("Expected a Bot Framework activity with type, serviceUrl, conversation and from.");
        }

        if (!auth.Accepts(token, activity.ChannelId, activity.ServiceUrl))
        {
            return Results.Text("The token does not match this activity.", statusCode: StatusCodes.Status401Unauthorized);
        }

        await references.LearnAsync(activity, ct);
        return await handler.HandleAsync(activity, ct);
    }

    private static async Task<byte[]> ReadAtMostAsync(Stream body, int limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while (buffer.Length < limit && (read = await body.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - buffer.Length)), ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Malformed Teams activity refused")]
    private static partial void LogMalformed(ILogger logger);
}
