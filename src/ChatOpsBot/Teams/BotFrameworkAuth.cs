using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChatOpsBot.Teams;

/// <summary>A token that passed signature, issuer, audience and lifetime; the activity checks come after parsing.</summary>
public sealed record BotFrameworkToken(string? ServiceUrl, IReadOnlyList<string> Endorsements);

/// <summary>
/// Checks the Bearer token the Bot Connector sends on every activity (Bot Framework "Authentication" REST docs): signed (RS256/384/512)
/// by a key from the Bot Framework's JWKS, issued by https://api.botframework.com, for this bot's App ID, within
/// its lifetime give or take five minutes. <see cref="Accepts"/> then ties it to the activity: the key must be
/// endorsed for the activity's channel and the serviceurl claim must be the activity's serviceUrl.
/// </summary>
public sealed partial class BotFrameworkAuth(BotFrameworkKeys keys, IOptions<TeamsOptions> options, ILogger<BotFrameworkAuth> logger)
{
    public const string Issuer = "https://api.botframework.com";

    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private static readonly string[] Algorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    /// <summary>The checked token, or null with the reason logged (never the token).</summary>
    public async Task<BotFrameworkToken?> ValidateAsync(string? authorization, CancellationToken cancellationToken)
    {
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            LogRefused(logger, "no Bearer token");
            return null;
        }

        var token = authorization["Bearer ".Length..].Trim();
        if (!_handler.CanReadToken(token))
        {
            LogRefused(logger, "not a JWT");
            return null;
        }

        string? kid;
        try
        {
            kid = new JsonWebToken(token).Kid;
        }
        catch (ArgumentException)
        {
            LogRefused(logger, "not a JWT");
            return null;
        }

        BotFrameworkKeySet set;
        try
        {
            set = await keys.GetAsync(kid, cancellationToken);
        }
        catch (Exception ex) when (BotFrameworkKeys.IsFetchFailure(ex))
        {
            LogKeysUnavailable(logger, ex);
            return null;
        }

        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = options.Value.AppId,
            IssuerSigningKeys = set.Keys,
            ValidAlgorithms = Algorithms,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = ClockSkew,
            TryAllIssuerSigningKeys = false,
        });
        if (!result.IsValid)
        {
            LogRefused(logger, result.Exception?.GetType().Name ?? "invalid");
            return null;
        }

        var usedKid = result.SecurityToken is JsonWebToken jwt ? jwt.Kid : kid;
        var endorsements = usedKid is not null && set.Endorsements.TryGetValue(usedKid, out var e) ? e : [];
        var serviceUrl = result.ClaimsIdentity.FindFirst("serviceurl")?.Value;
        return new BotFrameworkToken(serviceUrl, endorsements);
    }

    /// <summary>The activity-level rules: the signing key is endorsed for its channel, and its serviceUrl is the token's.</summary>
    public bool Accepts(BotFrameworkToken token, string? channelId, string? serviceUrl)
    {
        if (string.IsNullOrEmpty(channelId) || !token.Endorsements.Contains(channelId, StringComparer.Ordinal))
        {
            LogRefused(logger, $"signing key not endorsed for channel {Safe(channelId)}");
            return false;
        }

        if (token.ServiceUrl is null || serviceUrl is null || !string.Equals(token.ServiceUrl.TrimEnd('/'), serviceUrl.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
        {
            LogRefused(logger, "serviceurl claim does not match the activity's serviceUrl");
            return false;
        }

        return true;
    }

    private static string Safe(string? s) => s is null ? "(none)" : new string([.. s.Take(32).Where(char.IsAsciiLetterOrDigit)]);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams activity refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The Bot Framework signing keys could not be fetched; refusing activities until they can")]
    private static partial void LogKeysUnavailable(ILogger logger, Exception exception);
}
