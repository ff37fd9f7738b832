using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ChatOpsBot.Tests.Tracker;

/// <summary>
/// WireMock playing the GitHub REST API (issues of acme/web) and Jira Cloud's REST API v3, recording every call. It
/// keeps the issues it created, so their searches (GitHub's /search/issues, Jira's /rest/api/3/search/jql) find them.
/// </summary>
public sealed partial class FakeTrackers : IDisposable
{
    public const string GitHubIssues = "/repos/acme/web/issues";
    public const string JiraIssues = "/rest/api/3/issue";

    private static readonly Guid FailureMapping = Guid.Parse("6c0f8d1e-0000-4000-8000-00000000fa12");

    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly ConcurrentQueue<Filed> _filed = new();
    private int _issues = 11;

    public FakeTrackers()
    {
        _server.Given(Request.Create().WithPath(GitHubIssues).UsingPost()).AtPriority(100)
            .RespondWith(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json; charset=utf-8")
                .WithBody(request => GitHubIssue(File(request.Body!, github: true))));
        // GitHub's "Search issues and pull requests" answer: total_count, incomplete_results, items (issues as above).
        // Matches like GitHub's phrase search, loosely: every issue whose body holds the quoted phrase of q.
        _server.Given(Request.Create().WithPath("/search/issues").UsingGet()).AtPriority(100)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json; charset=utf-8").WithBody(request =>
            {
                var phrase = Quoted().Match(request.Query!["q"].Single()).Groups[1].Value;
                var items = _filed.Where(f => f.GitHub && f.Body.Contains(phrase, StringComparison.Ordinal)).ToList();
                return $$"""{"total_count":{{items.Count}},"incomplete_results":false,"items":[{{string.Join(',', items.Select(GitHubIssue))}}]}""";
            }));
        // Jira's documented 201 for POST /rest/api/3/issue.
        _server.Given(Request.Create().WithPath(JiraIssues).UsingPost()).AtPriority(100)
            .RespondWith(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json").WithBody(request =>
            {
                var f = File(request.Body!, github: false);
                return JsonSerializer.Serialize(new { id = $"{10000 + f.Number}", key = $"OPS-{f.Number}", self = $"https://acme.atlassian.net/rest/api/3/issue/{10000 + f.Number}" });
            }));
        // The enhanced JQL search's answer ({"issues":[{"id","key","fields":{...}}],"isLast":true}) for "labels in (...)".
        _server.Given(Request.Create().WithPath("/rest/api/3/search/jql").UsingPost()).AtPriority(100)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(request =>
            {
                var jql = JsonDocument.Parse(request.Body!).RootElement.GetProperty("jql").GetString()!;
                var labels = Quoted().Matches(jql).Select(m => m.Groups[1].Value).ToHashSet();
                var issues = _filed.Where(f => !f.GitHub && f.Labels.Any(labels.Contains)).Select(f => new
                {
                    id = $"{10000 + f.Number}", key = $"OPS-{f.Number}", self = $"https://acme.atlassian.net/rest/api/3/issue/{10000 + f.Number}",
                    fields = new { labels = f.Labels },
                });
                return JsonSerializer.Serialize(new { issues, isLast = true });
            }));
    }

    public string Url => _server.Urls[0] + "/";

    public IReadOnlyList<WireMock.Logging.ILogEntry> Calls(string path) =>
        [.. _server.LogEntries.Where(e => e.RequestMessage.Path == path).OrderBy(e => e.RequestMessage.DateTime)];

    /// <summary>The create requests: POSTs to the path, not the searches.</summary>
    public IReadOnlyList<WireMock.Logging.ILogEntry> Creates(string path) => [.. Calls(path).Where(c => c.RequestMessage.Method == "POST")];

    public IReadOnlyList<JsonElement> Bodies(string path) => [.. Calls(path).Select(e => JsonDocument.Parse(e.RequestMessage.Body!).RootElement.Clone())];

    public void Fail(string path, int status, string body) =>
        _server.Given(Request.Create().WithPath(path)).AtPriority(1).WithGuid(FailureMapping)
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));

    /// <summary>
    /// The tracker creates the issue but its answer never arrives in one piece (a gateway's 502 after the backend
    /// committed): the same window as a host that dies between the create and recording it.
    /// </summary>
    public void CreateButLoseTheAnswer(string path) =>
        _server.Given(Request.Create().WithPath(path).UsingPost()).AtPriority(1).WithGuid(FailureMapping)
            .RespondWith(Response.Create().WithStatusCode(502).WithHeader("Content-Type", "application/json").WithBody(request =>
            {
                File(request.Body!, github: path == GitHubIssues);
                return """{"message":"Server Error"}""";
            }));

    public void Recover() => _server.DeleteMapping(FailureMapping);

    public void Dispose() => _server.Stop();

    private Filed File(string body, bool github)
    {
        var json = JsonDocument.Parse(body).RootElement;
        var number = Interlocked.Increment(ref _issues);
        var filed = github
            ? new Filed(true, number, json.GetProperty("body").GetString() ?? "", [])
            : new Filed(false, number, "", [.. json.GetProperty("fields").GetProperty("labels").EnumerateArray().Select(l => l.GetString()!)]);
        _filed.Enqueue(filed);
        return filed;
    }

    // The fields of GitHub's "Create an issue" 201 answer that a client reads (docs.github.com/rest/issues/issues#create-an-issue).
    private static string GitHubIssue(Filed f) => JsonSerializer.Serialize(new
    {
        id = 1000 + f.Number, node_id = "MDU6SXNzdWUx", number = f.Number, state = "open", title = "t", body = f.Body, locked = false, comments = 0,
        url = $"https://api.github.com/repos/acme/web/issues/{f.Number}", html_url = $"https://github.com/acme/web/issues/{f.Number}",
        user = new { login = "chatopsbot", id = 1 }, labels = Array.Empty<object>(), created_at = "2026-01-01T00:00:00Z", updated_at = "2026-01-01T00:00:00Z",
    });

    [GeneratedRegex("\"([^\"]*)\"")]
    private static partial Regex Quoted();

    private sealed record Filed(bool GitHub, int Number, string Body, string[] Labels);
}
