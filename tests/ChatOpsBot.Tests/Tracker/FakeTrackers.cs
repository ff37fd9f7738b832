using System.Text.Json;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ChatOpsBot.Tests.Tracker;

/// <summary>WireMock playing the GitHub REST API (issues of acme/web) and Jira Cloud's REST API v3, recording every call.</summary>
public sealed class FakeTrackers : IDisposable
{
    private static readonly Guid FailureMapping = Guid.Parse("6c0f8d1e-0000-4000-8000-00000000fa12");

    private readonly WireMockServer _server = WireMockServer.Start();
    private int _issues = 11;

    public FakeTrackers()
    {
        // The fields of GitHub's "Create an issue" 201 answer that a client reads (docs.github.com/rest/issues/issues#create-an-issue).
        _server.Given(Request.Create().WithPath("/repos/acme/web/issues").UsingPost()).AtPriority(100)
            .RespondWith(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json; charset=utf-8").WithBody(_ =>
            {
                var number = Interlocked.Increment(ref _issues);
                return JsonSerializer.Serialize(new
                {
                    id = 1000 + number, node_id = "MDU6SXNzdWUx", number, state = "open", title = "t", body = "b", locked = false, comments = 0,
                    url = $"https://api.github.com/repos/acme/web/issues/{number}", html_url = $"https://github.com/acme/web/issues/{number}",
                    user = new { login = "chatopsbot", id = 1 }, labels = Array.Empty<object>(), created_at = "2026-01-01T00:00:00Z", updated_at = "2026-01-01T00:00:00Z",
                });
            }));
        // Jira's documented 201 for POST /rest/api/3/issue.
        _server.Given(Request.Create().WithPath("/rest/api/3/issue").UsingPost()).AtPriority(100)
            .RespondWith(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json").WithBody(_ =>
            {
                var number = Interlocked.Increment(ref _issues);
                return JsonSerializer.Serialize(new { id = $"{10000 + number}", key = $"OPS-{number}", self = $"https://acme.atlassian.net/rest/api/3/issue/{10000 + number}" });
            }));
    }

    public string Url => _server.Urls[0] + "/";

    public IReadOnlyList<WireMock.Logging.ILogEntry> Calls(string path) =>
        [.. _server.LogEntries.Where(e => e.RequestMessage.Path == path).OrderBy(e => e.RequestMessage.DateTime)];

    public IReadOnlyList<JsonElement> Bodies(string path) => [.. Calls(path).Select(e => JsonDocument.Parse(e.RequestMessage.Body!).RootElement.Clone())];

    public void Fail(string path, int status, string body) =>
        _server.Given(Request.Create().WithPath(path)).AtPriority(1).WithGuid(FailureMapping)
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));

    public void Recover() => _server.DeleteMapping(FailureMapping);

    public void Dispose() => _server.Stop();
}
