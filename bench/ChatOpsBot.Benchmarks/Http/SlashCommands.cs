using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace ChatOpsBot.Benchmarks.Http;

/// <summary>
/// Slash-command posts signed the way Slack signs them (v0 HMAC-SHA256 over "v0:{timestamp}:{body}"), written
/// independently of the bot's SlackSignature. The floor endpoint gets the same signed bytes, so both sides of a
/// comparison cost the client the same.
/// </summary>
internal sealed class SlashCommands(string signingSecret, string responseUrl)
{
    public const string Channel = "C0BENCH";

    private readonly byte[] _secret = Encoding.UTF8.GetBytes(signingSecret);

    public HttpRequestMessage Post(string path, string text, int user)
    {
        var body = Form(
            ("token", "bench-verification-token"),
            ("team_id", "T0BENCH"),
            ("team_domain", "bench"),
            ("channel_id", Channel),
            ("channel_name", "bench"),
            ("user_id", $"U0BENCH{user % 50:D2}"),
            ("user_name", $"responder{user % 50}"),
            ("command", "/incident"),
            ("text", text),
            ("api_app_id", "A0BENCH"),
            ("response_url", responseUrl),
            ("trigger_id", $"1337.42.{user}"));
        var bytes = Encoding.UTF8.GetBytes(body);
        var timestamp = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}"));
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", "v0=" + Convert.ToHexStringLower(mac));
        return request;
    }

    private static string Form(params (string Key, string Value)[] fields) =>
        string.Join('&', fields.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value)));
}
