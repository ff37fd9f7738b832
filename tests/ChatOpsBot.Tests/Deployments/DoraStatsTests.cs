using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChatOpsBot.Testing;
using ChatOpsBot.Tests.Support;

namespace ChatOpsBot.Tests.Deployments;

/// <summary>The four keys where people read them: <c>/incident stats</c>, <c>/api/stats</c> and /metrics.</summary>
public sealed partial class DoraStatsTests : IDisposable
{
    private const string CiToken = "ci-token-0123456789abcdef";

    private readonly BotFactory _bot = new(new Dictionary<string, string?> { ["Webhooks:Deployments:BearerToken"] = CiToken });

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task ADeployTaggedAsTheCauseOfAResolvedIncidentMovesEveryKey()
    {
        var http = _bot.CreateClient();
        var console = new ConsoleApiClient(http);
        var cause = await DeployAsync(http, "checkout", TimeProvider.System.GetUtcNow().AddMinutes(-30));
        await DeployAsync(http, "checkout", TimeProvider.System.GetUtcNow().AddMinutes(-20));
        await console.SayExpectingOneReplyAsync("alice", "general", "/incident declare sev2 Checkout failing");
        await console.SayExpectingOneReplyAsync("alice", "general", $"/incident INC-1 change {cause}");
        await console.SayExpectingOneReplyAsync("alice", "general", "/incident INC-1 resolve Rolled back");

        var stats = await http.GetFromJsonAsync<JsonElement>("/api/stats?days=7");
        var reply = await console.SayExpectingOneReplyAsync("carol", "general", "/incident stats 7d");

        var overall = stats.GetProperty("dora").GetProperty("overall");
        Assert.Equal(2, overall.GetProperty("deployments").GetInt32());
        Assert.Equal(2.0 / 7, overall.GetProperty("deploymentsPerDay").GetDouble(), 9);
        Assert.Equal("high", overall.GetProperty("deploymentFrequencyBand").GetString());
        Assert.Equal(TimeSpan.FromHours(2), TimeSpan.Parse(overall.GetProperty("leadTimeMedian").GetString()!, CultureInfo.InvariantCulture));
        Assert.Equal("elite", overall.GetProperty("leadTimeBand").GetString());
        Assert.Equal(1, overall.GetProperty("failedDeployments").GetInt32());
        Assert.Equal(0.5, overall.GetProperty("changeFailureRate").GetDouble());
        Assert.Equal("low", overall.GetProperty("changeFailureRateBand").GetString());
        Assert.Equal(1, overall.GetProperty("restores").GetInt32());
        Assert.Equal("elite", overall.GetProperty("timeToRestoreBand").GetString());
        Assert.Equal("checkout", stats.GetProperty("dora").GetProperty("byService")[0].GetProperty("service").GetString());
        Assert.Contains("DORA four keys, last 7 days", reply, StringComparison.Ordinal);
        Assert.Contains("`checkout            2   0.29 high    2h 00m elite     50 % low       0s elite`", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStatsWindowOverFourHundredDaysIsRefused()
    {
        using var response = await _bot.CreateClient().GetAsync("/api/stats?days=401");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task TheKeysAreGaugesOnMetrics()
    {
        await using var host = await BotProcess.StartAsync(new Dictionary<string, string>
        {
            ["Webhooks:Deployments:BearerToken"] = CiToken,
            ["Dora:RefreshInterval"] = "00:00:01",
        });
        await DeployAsync(host.Http, "checkout", TimeProvider.System.GetUtcNow().AddMinutes(-5));

        var metrics = await Eventually.Get(() => host.Http.GetStringAsync("/metrics"),
            m => Value(m, "chatopsbot_dora_deployments", ("window", "7d"), ("service", "all")) == 1, "the deploy counted on /metrics");

        Assert.Equal(1, Value(metrics, "chatopsbot_dora_deployments", ("window", "7d"), ("service", "checkout")));
        Assert.Equal(7200, Value(metrics, "chatopsbot_dora_lead_time_seconds", ("window", "30d"), ("service", "checkout")));
        Assert.Equal(0, Value(metrics, "chatopsbot_dora_change_failure_rate", ("window", "90d"), ("service", "all")));
        Assert.Equal(1.0 / 7, Value(metrics, "chatopsbot_dora_deployment_frequency", ("window", "7d"), ("service", "all"))!.Value, 9);
        Assert.Equal(1, Value(metrics, "chatopsbot_dora_band", ("window", "7d"), ("service", "all"), ("key", "lead_time")));
    }

    private static async Task<string> DeployAsync(HttpClient http, string service, DateTimeOffset finishedAt)
    {
        var body = JsonSerializer.Serialize(new { service, environment = "production", version = "1.0", finishedAt, commitAt = finishedAt.AddHours(-2) });
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/deployments") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", CiToken);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static double? Value(string exposition, string name, params (string Label, string Value)[] labels)
    {
        foreach (Match m in Sample().Matches(exposition))
        {
            var sampleLabels = m.Groups["labels"].Value;
            if (m.Groups["name"].Value == name && labels.All(l => sampleLabels.Contains($"{l.Label}=\"{l.Value}\"", StringComparison.Ordinal)))
            {
                return double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
