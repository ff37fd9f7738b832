using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Http;
using Microsoft.Extensions.Options;
using Refit;

namespace ChatOpsBot.StatusPages;

/// <summary>Atlassian Statuspage REST API v1: create and update a page's incidents.</summary>
public interface IStatuspageApi
{
    [Post("/pages/{pageId}/incidents")]
    Task<IApiResponse<StatuspageIncident>> CreateIncidentAsync(string pageId, [Body] JsonObject incident, CancellationToken cancellationToken);

    [Patch("/pages/{pageId}/incidents/{incidentId}")]
    Task<IApiResponse<StatuspageIncident>> UpdateIncidentAsync(string pageId, string incidentId, [Body] JsonObject incident, CancellationToken cancellationToken);
}

/// <summary>The fields of Statuspage's incident the bot reads: its id and public short link.</summary>
public sealed record StatuspageIncident(string? Id, string? Shortlink);

/// <summary>Adds "Authorization: OAuth ..." in one place.</summary>
public sealed class StatuspageAuthHandler(IOptions<StatusPageOptions> options) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("OAuth", options.Value.Atlassian.ApiKey);
        return base.SendAsync(request, cancellationToken);
    }
}

/// <summary>The status page failed the call; the message says why without the key.</summary>
public sealed class StatusPageException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>What goes out to the public: the incident's title, status and the commander's public updates, never anything else.</summary>
public sealed class AtlassianStatusPage(IStatuspageApi api, IOptions<StatusPageOptions> options)
{
    public const string ProviderName = "Atlassian Statuspage";

    private AtlassianStatusPageOptions Settings => options.Value.Atlassian;

    public async Task<StatuspageIncident> CreateAsync(Incident incident, string body, CancellationToken cancellationToken)
    {
        var json = new JsonObject
        {
            ["name"] = incident.Title,
            ["status"] = Status(incident),
            ["body"] = body,
            ["impact_override"] = incident.Severity switch { Severity.Sev1 => "critical", Severity.Sev2 => "major", _ => "minor" },
            ["deliver_notifications"] = true,
        };
        AddComponents(json, incident, ComponentStatus(incident.Severity));
        return await CallAsync(() => api.CreateIncidentAsync(Settings.PageId!, new JsonObject { ["incident"] = json }, cancellationToken), cancellationToken);
    }

    public Task<StatuspageIncident> UpdateAsync(Incident incident, string body, CancellationToken cancellationToken) =>
        CallAsync(() => api.UpdateIncidentAsync(Settings.PageId!, incident.StatusPageId!,
            new JsonObject { ["incident"] = new JsonObject { ["status"] = Status(incident), ["body"] = body } }, cancellationToken), cancellationToken);

    public Task<StatuspageIncident> ResolveAsync(Incident incident, CancellationToken cancellationToken)
    {
        // Not the internal resolution summary: only what the commander made public goes out.
        var json = new JsonObject { ["status"] = "resolved", ["body"] = "This incident has been resolved." };
        AddComponents(json, incident, "operational");
        return CallAsync(() => api.UpdateIncidentAsync(Settings.PageId!, incident.StatusPageId!, new JsonObject { ["incident"] = json }, cancellationToken), cancellationToken);
    }

    // Statuspage's incident statuses match ours until resolve; "closed" is past resolved there too.
    private static string Status(Incident incident) => incident.Status switch
    {
        IncidentStatus.Identified => "identified",
        IncidentStatus.Monitoring => "monitoring",
        IncidentStatus.Resolved or IncidentStatus.Closed => "resolved",
        _ => "investigating",
    };

    private static string ComponentStatus(Severity severity) => severity switch
    {
        Severity.Sev1 => "major_outage",
        Severity.Sev2 => "partial_outage",
        _ => "degraded_performance",
    };

    private void AddComponents(JsonObject json, Incident incident, string status)
    {
        var ids = incident.Alerts.Values.Select(a => a.Labels.GetValueOrDefault("service")).OfType<string>()
            .Select(service => Settings.Components.GetValueOrDefault(service)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            return;
        }

        json["component_ids"] = new JsonArray([.. ids.Select(id => (JsonNode)JsonValue.Create(id))]);
        var components = new JsonObject();
        foreach (var id in ids)
        {
            components[id] = status;
        }

        json["components"] = components;
    }

    private static async Task<StatuspageIncident> CallAsync(Func<Task<IApiResponse<StatuspageIncident>>> call, CancellationToken cancellationToken) =>
        await ProviderCall.SendAsync("Statuspage", call, ErrorText, (message, cause) => new StatusPageException(message, cause), cancellationToken) is { Id: not null } incident
            ? incident
            : throw new StatusPageException("Statuspage answered without the incident's id");

    // Statuspage's errors: {"error": "..."} or {"error": ["..."]}.
    private static string? ErrorText(string body) =>
        JsonNode.Parse(body)?["error"] switch
        {
            JsonArray list => string.Join("; ", list.Select(x => x?.ToString())),
            { } error => error.ToString(),
            null => null,
        };
}
