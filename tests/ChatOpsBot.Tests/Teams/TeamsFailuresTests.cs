using ChatOpsBot.Core.Messages;
using ChatOpsBot.Teams;
using ChatOpsBot.Tests.Teams.Support;
using Microsoft.Extensions.DependencyInjection;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace ChatOpsBot.Tests.Teams;

/// <summary>What is left of a Teams outage after the HTTP retries reaches the reconciler as the port's neutral exception.</summary>
public sealed class TeamsFailuresTests : IDisposable
{
    private readonly TeamsBot _bot = new();

    private TeamsChatPlatform Platform => _bot.Factory.Services.GetRequiredService<TeamsChatPlatform>();

    [Fact]
    public async Task A429ThatOutlastsTheRetriesIsARateLimitWithTheRetryAfterTeamsSent()
    {
        Refuse("limited", 429, retryAfterSeconds: 1);

        var ex = await Assert.ThrowsAsync<ChatUnavailableException>(() =>
            Platform.PostAsync(TeamsChatPlatform.Conversation("19:limited@thread.tacv2"), new ChatMessage("hello"), CancellationToken.None));

        Assert.True(ex.IsRateLimit);
        Assert.Equal(TimeSpan.FromSeconds(1), ex.RetryAfter);
        Assert.Equal("teams", ex.Platform);
        Assert.Equal(5, _bot.Teams.Entries("/connector/v3/conversations/19:limited").Count); // tried, then retried 4 times
    }

    [Theory]
    [InlineData(502)]
    [InlineData(504)]
    [InlineData(412)]
    public async Task AGatewayErrorOr412ThatOutlastsTheRetriesIsUnavailable(int status)
    {
        Refuse("down", status);

        var ex = await Assert.ThrowsAsync<ChatUnavailableException>(() =>
            Platform.UpdateAsync(TeamsChatPlatform.Conversation("19:down@thread.tacv2"), "1767225600001", new ChatMessage("card"), CancellationToken.None));

        Assert.False(ex.IsRateLimit);
        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnreachableConnectorIsUnavailable()
    {
        await _bot.Factory.Services.GetRequiredService<TeamsReferences>().RememberConversationAsync("19:gone@thread.tacv2", "http://127.0.0.1:9/", null, CancellationToken.None);

        var ex = await Assert.ThrowsAsync<ChatUnavailableException>(() =>
            Platform.PostAsync(TeamsChatPlatform.Conversation("19:gone@thread.tacv2"), new ChatMessage("hello"), CancellationToken.None));

        Assert.False(ex.IsRateLimit);
        Assert.IsAssignableFrom<HttpRequestException>(ex.InnerException);
    }

    [Fact]
    public async Task ARefusalThatIsNoOutageStaysAFailure()
    {
        Refuse("forbidden", 403);

        var ex = await Assert.ThrowsAsync<Refit.ApiException>(() =>
            Platform.PostAsync(TeamsChatPlatform.Conversation("19:forbidden@thread.tacv2"), new ChatMessage("hello"), CancellationToken.None));

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, ex.StatusCode);
        Assert.Single(_bot.Teams.Entries("/connector/v3/conversations/19:forbidden"));
    }

    [Fact]
    public async Task ARateLimitedAnnouncementIsCountedAsRatelimitedAndDeliveredOnALaterPass()
    {
        // Five 429s: the first try and the four HTTP retries of one step; the reconciler's next pass gets through.
        const string scenario = "stakeholders-limited";
        for (var i = 0; i < 5; i++)
        {
            var mapping = _bot.Teams.Server.Given(Request.Create().WithPath(new WildcardMatcher("/connector/v3/conversations/*stakeholders*")).UsingPost())
                .AtPriority(1).InScenario(scenario);
            mapping = i == 0 ? mapping : mapping.WhenStateIs($"failed-{i}");
            mapping.WillSetStateTo($"failed-{i + 1}").RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "0"));
        }

        await _bot.DeclareAndWaitAsync();

        Assert.Equal(6, _bot.Teams.Entries("/connector/v3/conversations/19:stakeholders").Count);
        var metrics = await _bot.Http.GetStringAsync("/metrics");
        Assert.Contains(metrics.Split('\n'), l => l.StartsWith("chatopsbot_chat_calls_total{", StringComparison.Ordinal)
            && l.Contains("platform=\"teams\"", StringComparison.Ordinal) && l.Contains("result=\"ratelimited\"", StringComparison.Ordinal));
    }

    public void Dispose() => _bot.Dispose();

    private void Refuse(string conversation, int status, int? retryAfterSeconds = null)
    {
        var response = Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody("""{"error":{"code":"ServiceError","message":"try later"}}""");
        if (retryAfterSeconds is { } seconds)
        {
            response = response.WithHeader("Retry-After", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        _bot.Teams.Server.Given(Request.Create().WithPath(new WildcardMatcher($"/connector/v3/conversations/*{conversation}*"))).AtPriority(1).RespondWith(response);
    }
}
