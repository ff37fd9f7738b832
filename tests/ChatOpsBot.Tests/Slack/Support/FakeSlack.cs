using System.Text.Json;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ChatOpsBot.Tests.Slack.Support;

/// <summary>
/// WireMock.Net playing https://slack.com/api/: every method answers {ok:true} with the fields the bot reads,
/// tests override single methods (errors, 429s, history), and every call is recorded for assertions.
/// </summary>
public sealed class FakeSlack : IDisposable
{
    public const string IncidentChannel = "C0INC1";
    public const string Stakeholders = "C0STAKE";

    private readonly WireMockServer _server = WireMockServer.Start();

    public FakeSlack()
    {
        Answer("conversations.create", """{"ok":true,"channel":{"id":"C0INC1","name":"inc-1-checkout-failing"}}""", priority: 100);
        Answer("chat.postMessage", """{"ok":true,"channel":"C0INC1","ts":"1767225600.000900"}""", priority: 100);
        Answer("chat.getPermalink", """{"ok":true,"permalink":"https://acme.slack.com/archives/C0INC1/p1767225590000100"}""", priority: 100);
        Answer("users.info", """{"ok":true,"user":{"id":"U0ALICE","name":"alice","profile":{"display_name":"Alice"}}}""", priority: 100);
        Answer("conversations.history", """{"ok":true,"messages":[]}""", priority: 100);
        Answer("conversations.replies", """{"ok":true,"messages":[]}""", priority: 100);
        // The upload_url points back at WireMock, so the byte upload is recorded like the API calls.
        Answer("files.getUploadURLExternal", $$"""{"ok":true,"upload_url":"{{_server.Urls[0]}}/upload/v1/F0FILE1","file_id":"F0FILE1"}""", priority: 100);
        _server.Given(Request.Create().WithPath("/upload/*")).AtPriority(1000).RespondWith(Response.Create().WithStatusCode(200).WithBody("OK - 0"));
        _server.Given(Request.Create().WithPath("/api/*")).AtPriority(1000)
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("""{"ok":true}"""));
        _server.Given(Request.Create().WithPath("/response-url/*")).AtPriority(1000).RespondWith(Response.Create().WithStatusCode(200));
    }

    public string ApiBaseUrl => _server.Urls[0] + "/api/";

    public string ResponseUrl => _server.Urls[0] + "/response-url/T1/B1/secret";

    public WireMockServer Server => _server;

    /// <summary>Makes one Web API method answer <paramref name="json"/> (HTTP 200, as Slack does even for errors).</summary>
    public void Answer(string method, string json, int priority = 1) =>
        _server.Given(Request.Create().WithPath($"/api/{method}")).AtPriority(priority)
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(json));

    /// <summary>The first call of <paramref name="method"/> answers <paramref name="first"/>; later ones fall through to the defaults.</summary>
    public void AnswerOnce(string method, Action<IResponseBuilder> first)
    {
        var scenario = $"{method}-{Guid.NewGuid():N}";
        var response = Response.Create();
        first(response);
        _server.Given(Request.Create().WithPath($"/api/{method}")).AtPriority(1)
            .InScenario(scenario).WillSetStateTo("answered").RespondWith(response);
    }

    public IReadOnlyList<JsonElement> Calls(string method) =>
        [.. Entries(method).Select(e => Parse(e.RequestMessage.Body))];

    public IReadOnlyList<ILogEntry> Entries(string method) =>
        [.. _server.LogEntries.Where(e => e.RequestMessage.Path == $"/api/{method}").OrderBy(e => e.RequestMessage.DateTime)];

    /// <summary>The byte uploads to the upload_url files.getUploadURLExternal handed out, with their bodies as text.</summary>
    public IReadOnlyList<ILogEntry> Uploads =>
        [.. _server.LogEntries.Where(e => e.RequestMessage.Path.StartsWith("/upload/", StringComparison.Ordinal)).OrderBy(e => e.RequestMessage.DateTime)];

    public IReadOnlyList<ILogEntry> ResponseUrlCalls =>
        [.. _server.LogEntries.Where(e => e.RequestMessage.Path.StartsWith("/response-url/", StringComparison.Ordinal))];

    public void Dispose() => _server.Stop();

    private static JsonElement Parse(string? body) =>
        string.IsNullOrEmpty(body) ? default : JsonDocument.Parse(body).RootElement.Clone();
}
