using ChatOpsBot.Http;

namespace ChatOpsBot.Paging;

/// <summary>
/// PagerDuty V3 webhook signatures (https://developer.pagerduty.com/docs/verifying-webhook-signatures): X-PagerDuty-Signature holds one or more comma-separated
/// "v1=&lt;hex HMAC-SHA256 of the raw body&gt;" values, several while a secret is rotated; any match is enough.
/// </summary>
public static class PagerDutySignature
{
    public const string Header = "X-PagerDuty-Signature";

    public static string Sign(ReadOnlySpan<byte> body, string secret) =>
        "v1=" + Convert.ToHexStringLower(ConstantTime.HmacSha256(secret, body));

    public static bool IsValid(string? header, ReadOnlySpan<byte> body, string secret)
    {
        if (string.IsNullOrEmpty(header))
        {
            return false;
        }

        var expected = ConstantTime.HmacSha256(secret, body);
        var valid = false;
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!part.StartsWith("v1=", StringComparison.Ordinal))
            {
                continue;
            }

            // Every value is compared, so the time taken does not tell which one matched.
            valid |= ConstantTime.MatchesHex(part.AsSpan(3), expected);
        }

        return valid;
    }
}
