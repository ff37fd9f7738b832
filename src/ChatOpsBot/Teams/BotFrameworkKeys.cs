using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace ChatOpsBot.Teams;

/// <summary>The Bot Framework's signing keys and, per key id, the channels that key is endorsed for.</summary>
public sealed record BotFrameworkKeySet(string? Issuer, IReadOnlyList<SecurityKey> Keys, IReadOnlyDictionary<string, IReadOnlyList<string>> Endorsements)
{
    public bool Has(string? keyId) => keyId is not null && Keys.Any(k => k.KeyId == keyId);
}

/// <summary>
/// Fetches the OpenID metadata and its JWKS, keeping the keys for a day and fetching again on a key id it does not
/// know (Microsoft rolls keys without notice). Hand-rolled rather than IdentityModel's ConfigurationManager because
/// that one refreshes in the background once it holds a configuration, so the request that brought a new kid would
/// still be checked against the old keys; here that request waits for the refetch. The endorsements are a
/// non-standard JWKS member, read from the raw document.
/// </summary>
public sealed partial class BotFrameworkKeys(IHttpClientFactory httpClients, IOptions<TeamsOptions> options, TimeProvider clock, ILogger<BotFrameworkKeys> logger) : IDisposable
{
    public const string HttpClientName = "TeamsOpenIdMetadata";

    /// <summary>At least daily, as the Bot Framework asks.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromHours(24);

    private readonly SemaphoreSlim _fetching = new(1, 1);
    private BotFrameworkKeySet? _keys;
    private DateTimeOffset _fetchedAt;

    /// <summary>The keys, fetched first if they are older than a day or (rate-limited) if none has <paramref name="keyId"/>.</summary>
    public async Task<BotFrameworkKeySet> GetAsync(string? keyId, CancellationToken cancellationToken)
    {
        if (_keys is { } current && !IsStale(current, keyId))
        {
            return current;
        }

        await _fetching.WaitAsync(cancellationToken);
        try
        {
            if (_keys is { } fetched && !IsStale(fetched, keyId))
            {
                return fetched;
            }

            try
            {
                _keys = await FetchAsync(cancellationToken);
                _fetchedAt = clock.GetUtcNow();
                LogFetched(logger, _keys.Keys.Count);
            }
            catch (Exception ex) when (IsFetchFailure(ex) && _keys is not null)
            {
                // Keep validating with what we had; the next request tries again.
                LogFetchFailed(logger, ex);
                _fetchedAt = clock.GetUtcNow() - MaxAge + options.Value.KeyRefetchInterval;
            }

            return _keys!;
        }
        finally
        {
            _fetching.Release();
        }
    }

    public void Dispose() => _fetching.Dispose();

    /// <summary>The metadata or key set could not be fetched or read: an outage or a bad document, not a bug here.</summary>
    public static bool IsFetchFailure(Exception ex) =>
        ex is HttpRequestException or JsonException or ArgumentException or KeyNotFoundException or InvalidOperationException or FormatException or TaskCanceledException;

    private bool IsStale(BotFrameworkKeySet keys, string? keyId)
    {
        var age = clock.GetUtcNow() - _fetchedAt;
        return age >= MaxAge || (!keys.Has(keyId) && age >= options.Value.KeyRefetchInterval);
    }

    private async Task<BotFrameworkKeySet> FetchAsync(CancellationToken cancellationToken)
    {
        var http = httpClients.CreateClient(HttpClientName);
        using var metadata = JsonDocument.Parse(await http.GetStringAsync(options.Value.OpenIdMetadataUrl, cancellationToken));
        var issuer = metadata.RootElement.TryGetProperty("issuer", out var i) ? i.GetString() : null;
        var jwksUri = new Uri(metadata.RootElement.GetProperty("jwks_uri").GetString()!, UriKind.Absolute);
        var jwksJson = await http.GetStringAsync(jwksUri, cancellationToken);

        var set = new JsonWebKeySet(jwksJson);
        var endorsements = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        using var raw = JsonDocument.Parse(jwksJson);
        foreach (var key in raw.RootElement.GetProperty("keys").EnumerateArray())
        {
            if (key.TryGetProperty("kid", out var kid) && kid.GetString() is { } id)
            {
                endorsements[id] = key.TryGetProperty("endorsements", out var e) && e.ValueKind == JsonValueKind.Array
                    ? [.. e.EnumerateArray().Select(x => x.GetString() ?? "")]
                    : [];
            }
        }

        return new BotFrameworkKeySet(issuer, [.. set.GetSigningKeys()], endorsements);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Fetched {Count} Bot Framework signing keys")]
    private static partial void LogFetched(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fetching the Bot Framework signing keys failed; keeping the previous ones")]
    private static partial void LogFetchFailed(ILogger logger, Exception exception);
}
