using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Refit;

namespace ChatOpsBot.Tracker;

/// <summary>Jira Cloud REST API v3: create an issue in the configured project.</summary>
public interface IJiraApi
{
    [Post("/rest/api/3/issue")]
    Task<IApiResponse<JiraCreated>> CreateIssueAsync([Body] JsonObject issue, CancellationToken cancellationToken);
}

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
                ["labels"] = new JsonArray("incident-action-item", order.Incident.Key),
                ["description"] = description,
            },
        };

        IApiResponse<JiraCreated> response;
        try
        {
            response = await api.CreateIssueAsync(issue, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or Polly.Timeout.TimeoutRejectedException && !cancellationToken.IsCancellationRequested)
        {
            throw new TrackerException("Jira could not be reached", ex);
        }

        using (response)
        {
            if (response.StatusCode is null)
            {
                // Refit hands a network failure back as a response without a status.
                throw new TrackerException("Jira could not be reached", response.Error);
            }

            if (response is { IsSuccessful: true, Content.Key: { } key })
            {
                return new FiledIssue(key, new Uri(jira.BaseUrl!, $"browse/{key}").ToString());
            }

            throw new TrackerException($"Jira answered HTTP {(int?)response.StatusCode ?? 0}{Reason((response.Error as ApiException)?.Content)}");
        }
    }

    // Jira's errors: {"errorMessages":[...],"errors":{"field":"message"}}.
    private static string Reason(string? body)
    {
        try
        {
            if (string.IsNullOrWhiteSpace(body) || JsonNode.Parse(body) is not JsonObject json)
            {
                return "";
            }

            var messages = (json["errorMessages"] as JsonArray ?? []).Select(m => m?.GetValue<string>())
                .Concat((json["errors"] as JsonObject ?? []).Select(e => $"{e.Key}: {e.Value?.GetValue<string>()}"))
                .Where(m => !string.IsNullOrWhiteSpace(m)).ToList();
            var text = string.Join("; ", messages);
            return text.Length == 0 ? "" : $": {(text.Length > 200 ? text[..199] + "…" : text)}";
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return "";
        }
    }
}
