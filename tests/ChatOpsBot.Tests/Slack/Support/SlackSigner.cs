using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ChatOpsBot.Tests.Slack.Support;

/// <summary>Signs requests the way Slack does (v0 HMAC-SHA256 over "v0:{timestamp}:{body}"), written independently of the bot's code.</summary>
public static class SlackSigner
{
    public const string Secret = "test-signing-secret-0123456789abcdef";

    public static HttpRequestMessage SignedRequest(string path, HttpContent content, string secret = Secret, DateTimeOffset? at = null)
    {
        var body = content.ReadAsStringAsync().GetAwaiter().GetResult();
        var timestamp = (at ?? TimeProvider.System.GetUtcNow()).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}"));
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", "v0=" + Convert.ToHexString(mac).ToLowerInvariant());
        return request;
    }

    public static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
