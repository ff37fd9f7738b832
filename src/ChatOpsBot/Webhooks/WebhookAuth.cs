using System.Text;
using ChatOpsBot.Http;

namespace ChatOpsBot.Webhooks;

/// <summary>
/// The webhook credential checks, all constant-time. Alertmanager cannot sign its payloads, so its endpoint takes
/// what its http_config can send (bearer or basic auth); the generic endpoint takes an HMAC of the body.
/// </summary>
public static class WebhookAuth
{
    public const string SignatureHeader = "X-ChatOpsBot-Signature";

    public static bool IsAuthorized(HttpRequest request, WebhookCredentials credentials)
    {
        var header = request.Headers.Authorization.ToString();
        if (!string.IsNullOrEmpty(credentials.BearerToken) && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return ConstantTime.Matches(header["Bearer ".Length..].Trim(), credentials.BearerToken);
        }

        if (!string.IsNullOrEmpty(credentials.Username) && !string.IsNullOrEmpty(credentials.Password)
            && header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) && DecodeBasic(header["Basic ".Length..].Trim()) is var (user, password))
        {
            // Both compared, always: stopping at a wrong user name would tell an attacker which part was wrong.
            return ConstantTime.Matches(user, credentials.Username) & ConstantTime.Matches(password, credentials.Password);
        }

        return false;
    }

    /// <summary>The <see cref="SignatureHeader"/> value for <paramref name="body"/>, as a sender computes it.</summary>
    public static string Sign(ReadOnlySpan<byte> body, string secret) => Sha256Signature.Sign(body, secret);

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
