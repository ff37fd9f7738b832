using System.Text.RegularExpressions;
using System.Net;
using System.Text;
using ChatOpsBot.Testing;
using ChatOpsBot.Tests.Support;

namespace ChatOpsBot.Tests.Hosting;

/// <summary>
/// The integrations' secrets (Slack app token, PagerDuty routing key, Opsgenie key, GitHub token, Statuspage key,
/// webhook secrets) never reach the host's own output, even while every call to those services fails and is logged
/// and webhooks arrive with near-miss signatures.
/// </summary>
public sealed class IntegrationSecretsInLogsTests : IAsyncLifetime
{
    private const string AppToken = "xapp-1-SECRET-app-token";
    private const string RoutingKey = "SECRETpd0123456789abcdef01234567";
    private const string PagerDutyWebhookSecret = "pd-webhook-SECRET-0123";
    private const string OpsgenieKey = "opsgenie-SECRET-key-0123456789";
    private const string GitHubToken = "ghp_SECRET_github_token";
    private const string GitHubWebhookSecret = "gh-webhook-SECRET-0123";
    private const string StatuspageKey = "statuspage-SECRET-key";

    private HostProcess _host = null!;

    public async Task InitializeAsync() => _host = await BotProcess.StartAsync(new Dictionary<string, string>
    {
        ["Slack:BotToken"] = "xoxb-SECRET-bot-token",
        ["Slack:AppToken"] = AppToken,
        ["Slack:StakeholderChannel"] = "C0STAKEHOLDERS",
        ["Slack:ApiBaseUrl"] = "http://127.0.0.1:9/api/", // nothing listens anywhere below: every call fails and is logged
        ["Slack:SocketReconnectDelay"] = "00:00:00.100",
        ["Paging:PagerDuty:RoutingKey"] = RoutingKey,
        ["Paging:PagerDuty:EventsUrl"] = "http://127.0.0.1:9/",
        ["Paging:PagerDuty:WebhookSecret"] = PagerDutyWebhookSecret,
        ["Paging:Opsgenie:ApiKey"] = OpsgenieKey,
        ["Paging:Opsgenie:BaseUrl"] = "http://127.0.0.1:9/",
        ["Paging:RetryDelay"] = "00:00:00.010",
        ["Tracker:GitHub:Repository"] = "acme/web",
        ["Tracker:GitHub:Token"] = GitHubToken,
        ["Tracker:GitHub:ApiUrl"] = "http://127.0.0.1:9/",
        ["Tracker:GitHub:WebhookSecret"] = GitHubWebhookSecret,
        ["StatusPage:Atlassian:PageId"] = "kctbh9vrtdwd",
        ["StatusPage:Atlassian:ApiKey"] = StatuspageKey,
        ["StatusPage:Atlassian:ApiUrl"] = "http://127.0.0.1:9/v1/",
        ["Reconciler:SweepInterval"] = "00:00:01",
        ["Console:Enabled"] = "true", // the way in for the test's commands; with Slack on it is off by default
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task NoIntegrationSecretReachesTheLogs()
    {
        using (var wrong = new HttpRequestMessage(HttpMethod.Post, "/webhooks/pagerduty") { Content = new StringContent("{}", Encoding.UTF8, "application/json") })
        {
            wrong.Headers.Add("X-PagerDuty-Signature", "v1=" + PagerDutyWebhookSecret);
            Assert.Equal(HttpStatusCode.Unauthorized, (await _host.Http.SendAsync(wrong)).StatusCode);
        }

        using (var wrong = new HttpRequestMessage(HttpMethod.Post, "/webhooks/github") { Content = new StringContent("{}", Encoding.UTF8, "application/json") })
        {
            wrong.Headers.Add("X-Hub-Signature-256", "sha256=" + GitHubWebhookSecret);
            Assert.Equal(HttpStatusCode.Unauthorized, (await _host.Http.SendAsync(wrong)).StatusCode);
        }

        // A SEV1 pages both pagers and goes to the status page; an action item export goes to GitHub: all fail.
        using (var declare = await _host.Http.PostAsync("/api/console/messages", JsonContent("alice", "general", "/incident declare sev1 Checkout failing")))
        {
            Assert.Equal(HttpStatusCode.OK, declare.StatusCode);
        }

        await _host.Http.PostAsync("/api/console/messages", JsonContent("alice", "general", "/incident INC-1 action Add a breaker"));
        await _host.Http.PostAsync("/api/console/messages", JsonContent("alice", "general", "/incident INC-1 action export"));

        // Compact JSON logs: the message template and its properties, not the rendered line.
        await Eventually.Get(() => Task.FromResult(_host.Output), o =>
                Regex.IsMatch(o, "\"Step\":\"paging:[^\"]*:PagerDuty\"") && Regex.IsMatch(o, "\"Step\":\"paging:[^\"]*:Opsgenie\"")
                && o.Contains("\"Step\":\"tracker:", StringComparison.Ordinal)
                && o.Contains("\"Step\":\"statuspage:", StringComparison.Ordinal)
                && o.Contains("Opening a Slack Socket Mode connection failed", StringComparison.Ordinal),
            "every integration to log its failing calls", TimeSpan.FromSeconds(60));

        var output = _host.Output;
        foreach (var secret in new[] { AppToken, RoutingKey, PagerDutyWebhookSecret, OpsgenieKey, GitHubToken, GitHubWebhookSecret, StatuspageKey, "SECRET" })
        {
            Assert.False(output.Contains(secret, StringComparison.Ordinal), $"The logs contain \"{secret}\".");
        }
    }

    private static StringContent JsonContent(string user, string channel, string text) =>
        new(System.Text.Json.JsonSerializer.Serialize(new { user, channel, text }), Encoding.UTF8, "application/json");
}
