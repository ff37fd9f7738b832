using System.Security.Cryptography;
using System.Text;

namespace ChatOpsBot.Http;

/// <summary>
/// Every comparison of a presented secret (token, password, signature) with the expected one: constant-time, so the
/// time an answer takes does not tell an attacker how much of a guess was right.
/// </summary>
public static class ConstantTime
{
    /// <summary>Hashing both first makes the comparison constant-time whatever the lengths.</summary>
    public static bool Matches(string? presented, string expected) =>
        presented is not null
        && CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)));

    public static bool Matches(ReadOnlySpan<byte> presented, ReadOnlySpan<byte> expected) =>
        CryptographicOperations.FixedTimeEquals(presented, expected);

    /// <summary>True when <paramref name="presentedHex"/> is hex for <paramref name="expected"/>; text that is not hex matches nothing.</summary>
    public static bool MatchesHex(ReadOnlySpan<char> presentedHex, ReadOnlySpan<byte> expected)
    {
        byte[] presented;
        try
        {
            presented = Convert.FromHexString(presentedHex.Trim());
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(presented, expected);
    }

    public static byte[] HmacSha256(string secret, ReadOnlySpan<byte> data) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), data);
}

/// <summary>
/// "sha256=" and the hex HMAC-SHA256 of the raw body: the signature GitHub (X-Hub-Signature-256), Jira
/// (X-Hub-Signature) and this bot's generic and deploy webhooks (X-ChatOpsBot-Signature) use.
/// </summary>
public static class Sha256Signature
{
    private const string Prefix = "sha256=";

    public static string Sign(ReadOnlySpan<byte> body, string secret) =>
        Prefix + Convert.ToHexStringLower(ConstantTime.HmacSha256(secret, body));

    public static bool IsValid(string? header, ReadOnlySpan<byte> body, string secret) =>
        header is not null && header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
        && ConstantTime.MatchesHex(header.AsSpan(Prefix.Length), ConstantTime.HmacSha256(secret, body));
}
