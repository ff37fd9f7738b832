using System.Net;
using System.Net.Http.Headers;
using ChatOpsBot.Tests.Support;

namespace ChatOpsBot.Tests.Insights;

/// <summary>/insights and /incident insights through HTTP: the read API's access rules, bad windows, the chat reply.</summary>
public sealed class InsightsPageTests : IDisposable
{
    private const string ApiToken = "api-token-0123456789abcdef";

    private readonly BotFactory _bot = new(new Dictionary<string, string?> { ["Api:AccessToken"] = ApiToken });

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task TheInsightsPageNeedsTheReadApisTokenLikeTheReadApi()
    {
        var http = _bot.CreateClient();
        using var anonymous = await http.GetAsync("/insights");
        var request = new HttpRequestMessage(HttpMethod.Get, "/insights?days=90");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ApiToken);
        using var authorized = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, authorized.StatusCode);
        Assert.Equal("text/html", authorized.Content.Headers.ContentType?.MediaType);
        var html = await authorized.Content.ReadAsStringAsync();
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/insights?days=401")]
    [InlineData("/insights?days=3")]
    [InlineData("/insights?days=month")]
    public async Task ABadWindowIsA400(string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ApiToken);

        using var response = await _bot.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task InsightsInChatNameWhatRecursAndLinkThePage()
    {
        var http = _bot.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiToken);
        var console = new ConsoleApiClient(http);
        await console.SayExpectingOneReplyAsync("alice", "general", "/incident declare sev2 Checkout failing");
        await console.SayExpectingOneReplyAsync("alice", "general", "/incident INC-1 service checkout");
        await console.SayExpectingOneReplyAsync("bob", "general", "/incident declare sev3 Checkout slow");
        await console.SayExpectingOneReplyAsync("bob", "general", "/incident INC-2 service checkout");

        var reply = await console.SayExpectingOneReplyAsync("carol", "general", "/incident insights 90d");

        Assert.Contains("Insights, last 90 days: 2 incidents (charts: /insights?days=90)", reply, StringComparison.Ordinal);
        Assert.Contains("• service checkout: 2 incidents (INC-1, INC-2)", reply, StringComparison.Ordinal);
        Assert.Contains("DORA four keys, last 90 days", reply, StringComparison.Ordinal);
    }
}
