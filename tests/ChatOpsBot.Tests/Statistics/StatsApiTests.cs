using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatOpsBot.Tests.Support;

namespace ChatOpsBot.Tests.Statistics;

public sealed class StatsApiTests : IDisposable
{
    private readonly BotFactory _bot = new();

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task StatsCountWhatRespondersDidAndNameTheChangeThatCausedAnIncident()
    {
        var console = new ConsoleApiClient(_bot.CreateClient());
        await console.SayExpectingOneReplyAsync("alice", "general", "/incident declare sev2 Checkout failing");
        Assert.Contains("caused by deploy-1842", await console.SayExpectingOneReplyAsync("alice", "general", "/incident INC-1 change deploy-1842"), StringComparison.Ordinal);
        await console.SayExpectingOneReplyAsync("alice", "general", "/incident INC-1 resolve");
        await console.SayExpectingOneReplyAsync("bob", "general", "/incident declare sev4 Slow search");

        var stats = await console.Http.GetFromJsonAsync<JsonElement>("/api/stats?days=30");

        Assert.Equal(2, stats.GetProperty("incidents").GetInt32());
        Assert.Equal(1, stats.GetProperty("finished").GetInt32());
        var sev2 = stats.GetProperty("bySeverity").EnumerateArray().Single(s => s.GetProperty("severity").GetString() == "SEV2");
        Assert.Equal(1, sev2.GetProperty("timeToResolve").GetProperty("count").GetInt32());
        Assert.Equal("deploy-1842", stats.GetProperty("changeFailures")[0].GetProperty("change").GetString());
        Assert.Contains("last 30 days: 2", await console.SayExpectingOneReplyAsync("carol", "general", "/incident stats"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatsCountActionItemsOpenDoneAndOverdue()
    {
        var console = new ConsoleApiClient(_bot.CreateClient());
        await console.SayExpectingOneReplyAsync("alice", "general", "/incident declare sev2 Checkout failing");
        await console.SayExpectingOneReplyAsync("alice", "general", "/incident INC-1 action Add a canary due 2d");
        await console.SayExpectingOneReplyAsync("alice", "general", "/incident INC-1 action Write the runbook");
        await console.SayExpectingOneReplyAsync("alice", "general", "/incident INC-1 action done 2");

        var stats = await console.Http.GetFromJsonAsync<JsonElement>("/api/stats?days=30");

        Assert.Equal(1, stats.GetProperty("openActionItems").GetInt32());
        Assert.Equal(1, stats.GetProperty("doneActionItems").GetInt32());
        Assert.Equal(0, stats.GetProperty("overdueActionItems").GetInt32());
        Assert.Contains("Action items: 1 open (0 overdue), 1 done", await console.SayExpectingOneReplyAsync("alice", "general", "/incident stats"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/stats?days=0")]
    [InlineData("/api/stats?days=366")]
    [InlineData("/api/stats?days=week")]
    public async Task ABadWindowIsA400(string url)
    {
        var response = await _bot.CreateClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
