using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChatOpsBot.Tests.Teams.Support;

/// <summary>
/// Plays the Bot Framework's token service: RSA keys generated here, published by <see cref="FakeTeams"/> as a JWKS
/// with endorsements, and tokens minted the way the Bot Connector's look (iss, aud, serviceurl, nbf/exp).
/// </summary>
public sealed class TeamsSigner : IDisposable
{
    public const string AppId = "8f0e5b5a-1c2d-4e3f-9a8b-7c6d5e4f3a2b";
    public const string EndorsedKid = "bf-key-msteams";
    public const string UnendorsedKid = "bf-key-webchat";

    private readonly RSA _endorsed = RSA.Create(2048);
    private readonly RSA _unendorsed = RSA.Create(2048);
    private readonly RSA _stranger = RSA.Create(2048);

    /// <summary>The JWKS as the Bot Framework publishes it: each key with its channel endorsements.</summary>
    public string Jwks(params (string Kid, RSA Key, string[] Endorsements)[] extra)
    {
        var keys = new JsonArray(Jwk(EndorsedKid, _endorsed, ["msteams", "emulator"]), Jwk(UnendorsedKid, _unendorsed, ["webchat"]));
        foreach (var (kid, key, endorsements) in extra)
        {
            keys.Add(Jwk(kid, key, endorsements));
        }

        return new JsonObject { ["keys"] = keys }.ToJsonString();
    }

    public string Token(string serviceUrl, string? audience = AppId, string issuer = "https://api.botframework.com",
        TimeSpan? expiresIn = null, TimeSpan? validFrom = null, string kid = EndorsedKid, RSA? signWith = null)
    {
        var now = TimeProvider.System.GetUtcNow().UtcDateTime; // the token service's clock is real, as is the host's
        var key = signWith ?? (kid == UnendorsedKid ? _unendorsed : _endorsed);
        var claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl };
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = now.AddMinutes(-1) + (validFrom ?? TimeSpan.Zero),
            NotBefore = now.AddMinutes(-1) + (validFrom ?? TimeSpan.Zero),
            Expires = now + (expiresIn ?? TimeSpan.FromMinutes(30)),
            Claims = claims,
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(key) { KeyId = kid }, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>A token signed by a key nobody published, under the published key's id.</summary>
    public string ForgedToken(string serviceUrl) => Token(serviceUrl, signWith: _stranger);

    /// <summary>An unsigned token ("alg": "none") with otherwise perfect claims.</summary>
    public static string UnsignedToken(string serviceUrl)
    {
        var now = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        var header = Base64UrlEncoder.Encode(JsonSerializer.Serialize(new { alg = "none", typ = "JWT", kid = EndorsedKid }));
        var payload = Base64UrlEncoder.Encode(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["iss"] = "https://api.botframework.com", ["aud"] = AppId, ["serviceurl"] = serviceUrl,
            ["nbf"] = now - 60, ["exp"] = now + 1800,
        }));
        return $"{header}.{payload}.";
    }

    private static JsonObject Jwk(string kid, RSA key, string[] endorsements)
    {
        var p = key.ExportParameters(false);
        return new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = kid,
            ["n"] = Base64UrlEncoder.Encode(p.Modulus),
            ["e"] = Base64UrlEncoder.Encode(p.Exponent),
            ["endorsements"] = new JsonArray([.. endorsements.Select(e => (JsonNode)e)]),
        };
    }

    public void Dispose()
    {
        _endorsed.Dispose();
        _unendorsed.Dispose();
        _stranger.Dispose();
    }

    internal static string Utf8(byte[] b) => Encoding.UTF8.GetString(b);
}
