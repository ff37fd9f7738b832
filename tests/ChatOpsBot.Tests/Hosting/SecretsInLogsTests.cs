using System.Net;
using System.Net.Http.Headers;
using ChatOpsBot.Testing;
using ChatOpsBot.Tests.Slack.Support;
using ChatOpsBot.Tests.Support;

namespace ChatOpsBot.Tests.Hosting;

/// <summary>
/// Everything the host writes, read from its own process output, after the requests most likely to leak a secret:
/// wrong tokens that are near misses, a Slack command carrying a response_url, Slack API calls that fail.
/// </summary>
public sealed class SecretsInLogsTests : IAsyncLifetime
{
    private const string AccessToken = "api-token-SECRET-0123456789";
    private const string SigningSecret = "slack-signing-SECRET-0123456789abcdef";
    private const string BotToken = "xoxb-SECRET-bot-token";
    private const string AlertmanagerToken = "am-SECRET-token-0123456789";
    private const string ResponseUrl = "https://hooks.slack.com/commands/T0001/1234/SECRET-response-url";

    private HostProcess _host = null!;

    public async Task InitializeAsync() => _host = await BotProcess.StartAsync(new Dictionary<string, string>
    {
        ["Api:AccessToken"] = AccessToken,
        ["Slack:SigningSecret"] = SigningSecret,
        ["Slack:BotToken"] = BotToken,
        ["Slack:StakeholderChannel"] = "C0STAKEHOLDERS",
        ["Slack:ApiBaseUrl"] = "http://127.0.0.1:9/api/", // nothing listens: every Slack call fails and is logged
        ["Webhooks:Alertmanager:BearerToken"] = AlertmanagerToken,
        ["Reconciler:SweepInterval"] = "00:00:01",
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task NoSecretResponseUrlOrNearMissTokenReachesTheLogs()
    {
        using (var wrongBearer = new HttpRequestMessage(HttpMethod.Get, "/api/incidents"))
        {
            wrongBearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AccessToken + "x");
            Assert.Equal(HttpStatusCode.Unauthorized, (await _host.Http.SendAsync(wrongBearer)).StatusCode);
        }

        using (var login = await _host.Http.PostAsync("/login", new FormUrlEncodedContent([new("token", AccessToken + "y")])))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        }

        using (var alert = new HttpRequestMessage(HttpMethod.Post, "/webhooks/alertmanager") { Content = SlackSigner.Json("{}") })
        {
            alert.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AlertmanagerToken + "z");
            Assert.Equal(HttpStatusCode.Unauthorized, (await _host.Http.SendAsync(alert)).StatusCode);
        }

        var form = SlackSigner.Form(("command", "/incident"), ("text", "declare sev1 Checkout failing"), ("user_id", "U0ALICE"),
            ("user_name", "alice"), ("channel_id", "C0GENERAL"), ("channel_name", "general"), ("team_id", "T0001"),
            ("response_url", ResponseUrl), ("trigger_id", "1.2.SECRET-trigger"));
        using (var command = SlackSigner.SignedRequest("/slack/commands", form, SigningSecret))
        {
            Assert.Equal(HttpStatusCode.OK, (await _host.Http.SendAsync(command)).StatusCode);
        }

        // The reconciler tries Slack, fails, logs and retries: wait for a few of those.
        await Eventually.Get(() => Task.FromResult(_host.Output), o => o.Contains("Connection refused", StringComparison.Ordinal),
            "the host to log its failing Slack calls");

        var output = _host.Output;
        Assert.Contains("/slack/commands", output, StringComparison.Ordinal); // the requests were logged, just not their secrets
        foreach (var secret in new[] { AccessToken, SigningSecret, BotToken, AlertmanagerToken, ResponseUrl, "SECRET" })
        {
            Assert.False(output.Contains(secret, StringComparison.Ordinal), $"The logs contain \"{secret}\".");
        }
    }
}
