using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Features;

namespace ChatOpsBot.Slack.SocketMode;

/// <summary>
/// Hands a Socket Mode envelope to the very endpoint that would have received it over HTTP (Socket Mode:
/// the payload equals the HTTP body). The envelope is replayed as that request, in memory, through a delegate
/// built from the endpoint method, so parsing, de-duplication and answers are the endpoints' own. What the
/// endpoint would have answered becomes the acknowledgement's payload (an ephemeral reply, a response_action).
/// No signature check: the socket itself is authenticated by the app token.
/// </summary>
public sealed partial class SlackEnvelopeDispatcher
{
    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<SlackEnvelopeDispatcher> _logger;
    private readonly RequestDelegate _commands;
    private readonly RequestDelegate _events;
    private readonly RequestDelegate _interactivity;

    public SlackEnvelopeDispatcher(IServiceProvider services, IServiceScopeFactory scopes, ILogger<SlackEnvelopeDispatcher> logger)
    {
        _scopes = scopes;
        _logger = logger;
        var options = new RequestDelegateFactoryOptions { ServiceProvider = services, DisableInferBodyFromParameters = true };
        _commands = RequestDelegateFactory.Create(SlackCommandsEndpoint.HandleAsync, options).RequestDelegate;
        _events = RequestDelegateFactory.Create(SlackEventsEndpoint.HandleAsync, options).RequestDelegate;
        _interactivity = RequestDelegateFactory.Create(SlackInteractivityEndpoint.HandleAsync, options).RequestDelegate;
    }

    /// <summary>Runs one envelope; returns the payload to acknowledge it with, or null for a bare acknowledgement.</summary>
    public async Task<JsonNode?> DispatchAsync(string type, JsonElement payload, CancellationToken cancellationToken)
    {
        var (handler, contentType, body) = type switch
        {
            "slash_commands" => (_commands, "application/x-www-form-urlencoded", FormBody(payload)),
            "interactive" => (_interactivity, "application/x-www-form-urlencoded", Form(("payload", payload.GetRawText()))),
            "events_api" => (_events, "application/json", payload.GetRawText()),
            _ => (null, "", ""),
        };
        if (handler is null)
        {
            LogUnknownType(_logger, type);
            return null;
        }

        await using var scope = _scopes.CreateAsyncScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(new MemoryStream()));
        http.Request.Method = HttpMethods.Post;
        http.Request.ContentType = contentType;
        var bytes = Encoding.UTF8.GetBytes(body);
        http.Request.Body = new MemoryStream(bytes);
        http.Request.ContentLength = bytes.Length;
        http.RequestAborted = cancellationToken;

        await handler(http);

        var written = (MemoryStream)http.Features.GetRequiredFeature<IHttpResponseBodyFeature>().Stream;
        if (http.Response.StatusCode != StatusCodes.Status200OK)
        {
            LogRefused(_logger, type, http.Response.StatusCode);
            return null;
        }

        if (written.Length == 0)
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(written.ToArray());
        return http.Response.ContentType?.StartsWith("application/json", StringComparison.Ordinal) == true
            ? JsonNode.Parse(text)
            : new JsonObject { ["text"] = text };
    }

    // A slash command's payload is the form Slack would have posted, as a JSON object of strings.
    private static string FormBody(JsonElement payload) =>
        payload.ValueKind != JsonValueKind.Object
            ? ""
            : Form([.. payload.EnumerateObject().Select(p => (p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() ?? "" : p.Value.GetRawText()))]);

    private static string Form(params (string Name, string Value)[] fields) =>
        string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Name)}={Uri.EscapeDataString(f.Value)}"));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Socket Mode envelope of unknown type {Type} acknowledged and ignored")]
    private static partial void LogUnknownType(ILogger logger, string type);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Socket Mode {Type} envelope refused by its handler with HTTP {Status}")]
    private static partial void LogRefused(ILogger logger, string type, int status);
}
