using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Http;
using Microsoft.Extensions.Options;
using Refit;

namespace ChatOpsBot.Tracker;

/// <summary>Jira Cloud REST API v3: create an issue in the configured project, and search issues by JQL.</summary>
public interface IJiraApi
{
    [Post("/rest/api/3/issue")]
    Task<IApiResponse<JiraCreated>> CreateIssueAsync([Body] JsonObject issue, CancellationToken cancellationToken);

    /// <summary>The enhanced search (the older /rest/api/3/search is gone from Jira Cloud): {"jql","fields","maxResults"}.</summary>
    [Post("/rest/api/3/search/jql")]
    Task<IApiResponse<JiraSearchResult>> SearchAsync([Body] JsonObject query, CancellationToken cancellationToken);
}

/// <summary>{"issues":[{"id","key","fields":{"labels":[...]}}],"nextPageToken":...}, with only the fields asked for.</summary>
public sealed record JiraSearchResult(List<JiraFoundIssue>? Issues);

public sealed record JiraFoundIssue(string? Key, JiraFoundFields? Fields);

public sealed record JiraFoundFields(List<string>? Labels);

/// <summary>201 {"id":"10000","key":"ED-24","self":"https://your-domain.atlassian.net/rest/api/3/issue/10000"}.</summary>
public sealed record JiraCreated(string? Id, string? Key, string? Self);

/// <summary>Basic auth with the account's e-mail and API token, added in one place and never in a URL or a log.</summary>
public sealed class JiraAuthHandler(IOptions<TrackerOptions> options) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var jira = options.Value.Jira;
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{jira.Email}:{jira.ApiToken}")));
        return base.SendAsync(request, cancellationToken);
    }
}

public sealed class JiraTracker(IJiraApi api, IOptions<TrackerOptions> options) : ITracker
{
    public const string TrackerName = "Jira";

    public string Name => TrackerName;

    public async Task<IReadOnlyDictionary<int, FiledIssue>> FindFiledAsync(Incident incident, IReadOnlyCollection<int> items, CancellationToken cancellationToken)
    {
        var jira = options.Value.Jira;
        // Labels match exactly, unlike text search; markers hold no quote, so quoting them is enough for JQL.
        var labels = string.Join(", ", items.Select(item => $"\"{TrackerMarker.For(incident, item)}\""));
        var query = new JsonObject
        {
            ["jql"] = $"project = \"{jira.ProjectKey}\" AND labels in ({labels})",
            ["fields"] = new JsonArray("labels"),
            ["maxResults"] = 100,
        };

        var content = await SendAsync(() => api.SearchAsync(query, cancellationToken), " to the search for issues filed earlier", cancellationToken);
        var filed = new Dictionary<int, FiledIssue>();
        foreach (var issue in content.Issues ?? [])
        {
            foreach (var item in (issue.Fields?.Labels ?? []).SelectMany(label => TrackerMarker.ItemsIn(incident, label)).Where(items.Contains))
            {
                if (issue.Key is { } key)
                {
                    filed.TryAdd(item, new FiledIssue(key, Browse(key)));
                }
            }
        }

        return filed;
    }

    public async Task<FiledIssue> FileAsync(ActionItemOrder order, CancellationToken cancellationToken)
    {
        var jira = options.Value.Jira;
        // The description is an Atlassian Document: one paragraph per line, text nodes only, so nothing is markup.
        var description = new JsonObject
        {
            ["type"] = "doc",
            ["version"] = 1,
            ["content"] = new JsonArray([.. order.Lines.Select(line => (JsonNode)new JsonObject
            {
                ["type"] = "paragraph",
                ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = line }),
            })]),
        };
        var issue = new JsonObject
        {
            ["fields"] = new JsonObject
            {
                ["project"] = new JsonObject { ["key"] = jira.ProjectKey },
                ["summary"] = order.Title,
                ["issuetype"] = new JsonObject { ["name"] = jira.IssueType },
                ["labels"] = new JsonArray("incident-action-item", order.Incident.Key, order.Marker),
                ["description"] = description,
            },
        };

        var created = await SendAsync(() => api.CreateIssueAsync(issue, cancellationToken), "", cancellationToken);
        return created.Key is { } key ? new FiledIssue(key, Browse(key)) : throw new TrackerException("Jira answered without the new issue's key");
    }

    private string Browse(string key) => new Uri(options.Value.Jira.BaseUrl!, $"browse/{key}").ToString();

    private static async Task<T> SendAsync<T>(Func<Task<IApiResponse<T>>> call, string during, CancellationToken cancellationToken) =>
        await ProviderCall.SendAsync("Jira", call, ErrorText, (message, cause) => new TrackerException(message, cause), cancellationToken, during)
            ?? throw new TrackerException($"Jira answered{during} without a body");

    // Jira's errors: {"errorMessages":[...],"errors":{"field":"message"}}.
    private static string? ErrorText(string body) =>
        JsonNode.Parse(body) is JsonObject json
            ? string.Join("; ", (json["errorMessages"] as JsonArray ?? []).Select(m => m?.GetValue<string>())
                .Concat((json["errors"] as JsonObject ?? []).Select(e => $"{e.Key}: {e.Value?.GetValue<string>()}"))
                .Where(m => !string.IsNullOrWhiteSpace(m)))
            : null;
}
