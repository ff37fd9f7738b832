using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Teams;

/// <summary>
/// Client-credentials tokens for the Bot Connector and for Graph (Bot Framework Connector REST API reference), one per scope, kept until
/// five minutes before they expire. Concurrent callers of a missing token share one request.
/// </summary>
public sealed class TeamsTokens(IHttpClientFactory httpClients, IOptions<TeamsOptions> options, TimeProvider clock)
{
    public const string HttpClientName = "TeamsToken";
    public const string BotConnectorScope = "https://api.botframework.com/.default";
    public const string GraphScope = "https://graph.microsoft.com/.default";

    private static readonly TimeSpan RefreshBefore = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, Lazy<Task<CachedToken>>> _tokens = new(StringComparer.Ordinal);

    public async Task<string> GetAsync(string scope, CancellationToken cancellationToken)
    {
        var entry = _tokens.GetOrAdd(scope, s => new Lazy<Task<CachedToken>>(() => RequestAsync(s)));
        CachedToken token;
        try
        {
            token = await entry.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            _tokens.TryRemove(KeyValuePair.Create(scope, entry));
            throw;
        }

        if (token.RefreshAt > clock.GetUtcNow())
        {
            return token.AccessToken;
        }

        _tokens.TryUpdate(scope, new Lazy<Task<CachedToken>>(() => RequestAsync(scope)), entry);
        return await GetAsync(scope, cancellationToken);
    }

    private async Task<CachedToken> RequestAsync(string scope)
    {
        var o = options.Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = o.AppId ?? "",
            ["client_secret"] = o.AppPassword ?? "",
            ["scope"] = scope,
        });
        // Not the caller's token: the request is shared by every caller waiting for it.
        using var response = await httpClients.CreateClient(HttpClientName).PostAsync(o.EffectiveTokenEndpoint, form, CancellationToken.None);
        if (!response.IsSuccessStatusCode)
        {
            // The body may echo the client id and describe the secret; the status is enough to act on.
            throw new HttpRequestException($"The token endpoint answered HTTP {(int)response.StatusCode} for scope {scope}.", null, response.StatusCode);
        }

        var body = await response.Content.ReadFromJsonAsync<TokenResponse>(CancellationToken.None)
            ?? throw new HttpRequestException("The token endpoint answered without a token.");
        var lifetime = TimeSpan.FromSeconds(Math.Max(body.ExpiresIn, 60));
        var refreshAt = clock.GetUtcNow() + (lifetime > RefreshBefore * 2 ? lifetime - RefreshBefore : lifetime / 2);
        return new CachedToken(body.AccessToken ?? throw new HttpRequestException("The token endpoint answered without access_token."), refreshAt);
    }

    private sealed record CachedToken(string AccessToken, DateTimeOffset RefreshAt);

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);
}

/// <summary>Puts a bearer token for one scope on every request of the Bot Connector or Graph client.</summary>
public sealed class TeamsAuthHandler(TeamsTokens tokens, string scope) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetAsync(scope, cancellationToken));
        return await base.SendAsync(request, cancellationToken);
    }
}
