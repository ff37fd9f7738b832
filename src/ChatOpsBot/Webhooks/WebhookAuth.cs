using System.Security.Cryptography;
using System.Text;

namespace ChatOpsBot.Webhooks;

/// <summary>
/// The webhook credential checks, all constant-time. Alertmanager cannot sign its payloads, so its endpoint takes
/// what its http_config can send (bearer or basic auth); the generic endpoint takes an HMAC of the body.
/// </summary>
public static class WebhookAuth
{
    public const string SignatureHeader = "X-ChatOpsBot-Signature";
    private const string SignaturePrefix = "sha256=";

    public static bool IsAuthorized(HttpRequest request, WebhookCredentials credentials)
    {
        var header = request.Headers.Authorization.ToString();
        if (!string.IsNullOrEmpty(credentials.BearerToken) && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Matches(header["Bearer ".Length..].Trim(), credentials.BearerToken);
        }

        if (!string.IsNullOrEmpty(credentials.Username) && !string.IsNullOrEmpty(credentials.Password)
            && header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) && DecodeBasic(header["Basic ".Length..].Trim()) is var (user, password))
        {
            // Both compared, always: stopping at a wrong user name would tell an attacker which part was wrong.
            return Matches(user, credentials.Username) & Matches(password, credentials.Password);
        }

        return false;
    }

    /// <summary>True when <paramref name="header"/> is "sha256=" and the hex HMAC-SHA256 of <paramref name="body"/> under <paramref name="secret"/>.</summary>
    public static bool IsSignedBody(string? header, ReadOnlySpan<byte> body, string secret)
    {
        if (header is null || !header.StartsWith(SignaturePrefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        byte[] presented;
        try
        {
            presented = Convert.FromHexString(header.AsSpan(SignaturePrefix.Length).Trim());
        }
        catch (FormatException)
        {
            return false;
        }

        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);
        return CryptographicOperations.FixedTimeEquals(presented, expected);
    }

    public static string Sign(ReadOnlySpan<byte> body, string secret) =>
        SignaturePrefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    // Hashing first makes the comparison constant-time whatever the lengths.
    private static bool Matches(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)));

    private static (string User, string Password)? DecodeBasic(string encoded)
    {
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? null : (decoded[..colon], decoded[(colon + 1)..]);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
