using System.Net.Http.Headers;
using System.Text.Json;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Http;
using Microsoft.Extensions.Options;
using Refit;

namespace ChatOpsBot.Paging;

/// <summary>Opsgenie Alert API v2: create an alert under the dedup key as alias, close it by alias.</summary>
public interface IOpsgenieApi
{
    [Post("/v2/alerts")]
    Task<IApiResponse<OpsgenieResult>> CreateAlertAsync([Body] OpsgenieAlert alert, CancellationToken cancellationToken);

    [Post("/v2/alerts/{alias}/close?identifierType=alias")]
    Task<IApiResponse<OpsgenieResult>> CloseAlertAsync(string alias, [Body] OpsgenieClose close, CancellationToken cancellationToken);
}

public sealed record OpsgenieAlert(string Message, string Alias, string Description, string Priority, string Source,
    IReadOnlyList<OpsgenieResponder>? Responders, IReadOnlyDictionary<string, string> Details);

public sealed record OpsgenieResponder(string Name, string Type);

public sealed record OpsgenieClose(string Source, string Note);

/// <summary>202 {"result":"Request will be processed","took":0.302,"requestId":"..."}; errors carry "message".</summary>
public sealed record OpsgenieResult(string? Result, string? RequestId, string? Message);

/// <summary>Adds "Authorization: GenieKey ..." so the key is in one place and never in a URL.</summary>
public sealed class OpsgenieAuthHandler(IOptions<PagingOptions> options) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("GenieKey", options.Value.Opsgenie.ApiKey);
        return base.SendAsync(request, cancellationToken);
    }
}

public sealed class OpsgenieProvider(IOpsgenieApi api, IOptions<PagingOptions> options) : IPagingProvider
{
    public const string ProviderName = "Opsgenie";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public string Name => ProviderName;

    public async Task<string> TriggerAsync(PageOrder order, CancellationToken cancellationToken)
    {
        var incident = order.Incident;
        // The default target is whoever the API integration routes to; any other name is an Opsgenie team.
        var isDefault = order.Page.Target.Equals(options.Value.DefaultTarget, StringComparison.OrdinalIgnoreCase);
        var alert = new OpsgenieAlert(
            Cut(order.Summary, 130), order.DedupKey,
            Cut($"{order.Summary}\n{(order.Link is null ? "" : $"Incident: {order.Link}")}", 15000),
            $"P{(int)incident.Severity}", "ChatOpsBot",
            isDefault ? null : [new OpsgenieResponder(order.Page.Target, "team")],
            new Dictionary<string, string> { ["incident"] = incident.Key, ["link"] = order.Link?.ToString() ?? "" });
        var result = await CallAsync(() => api.CreateAlertAsync(alert, cancellationToken), cancellationToken);
        return result?.RequestId ?? order.DedupKey;
    }

    public async Task ResolveAsync(PageOrder order, CancellationToken cancellationToken) =>
        await CallAsync(() => api.CloseAlertAsync(order.DedupKey, new OpsgenieClose("ChatOpsBot", $"{order.Incident.Key} is {order.Incident.Status.Label()}"), cancellationToken),
            cancellationToken);

    private static Task<OpsgenieResult?> CallAsync(Func<Task<IApiResponse<OpsgenieResult>>> call, CancellationToken cancellationToken) =>
        ProviderCall.SendAsync("Opsgenie", call, body => JsonSerializer.Deserialize<OpsgenieResult>(body, Json)?.Message,
            (message, cause) => new PagingException(message, cause), cancellationToken);

    private static string Cut(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
