using ChatOpsBot.Slack;
using ChatOpsBot.Tests.Slack.Support;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace ChatOpsBot.Tests.Chat;

/// <summary>
/// After a crash lost conversations.create's answer, the Slack adapter finds the channel that create opened: by its
/// exact name across conversations.list's pages, and only if it is this incident's (purpose or topic names it, or
/// this bot created it). WireMock plays the Web API.
/// </summary>
public sealed class SlackChannelLookupTests : IDisposable
{
    private const string Name = "inc-7-checkout-down";

    private readonly SlackBot _bot = new();

    private SlackChatPlatform Platform => _bot.Factory.Services.GetRequiredService<SlackChatPlatform>();

    [Fact]
    public async Task AChannelOnALaterPageWhosePurposeNamesTheIncidentIsFound()
    {
        Page(cursor: null, next: "page2", """{"id":"C0OTHER","name":"general","purpose":{"value":""},"topic":{"value":""}}""");
        Page(cursor: "page2", next: "", $$$"""{"id":"C0INC7","name":"{{{Name}}}","creator":"U0SOMEONE","purpose":{"value":"INC-7: Checkout down"},"topic":{"value":""}}""");

        var found = await Platform.FindIncidentChannelAsync(Name, 7, CancellationToken.None);

        Assert.Equal(SlackChatPlatform.Channel("C0INC7", Name), found);
        Assert.Equal(new[] { "", "page2" }, _bot.Slack.Entries("conversations.list").Select(e => e.RequestMessage.Query!.TryGetValue("cursor", out var c) ? c.ToString() : "").ToArray());
    }

    [Fact]
    public async Task AChannelJustCreatedByThisBotIsFoundThoughNothingHasSetItsPurposeYet()
    {
        Page(cursor: null, next: "", $$$"""{"id":"C0INC7","name":"{{{Name}}}","creator":"U0BOT","purpose":{"value":""},"topic":{"value":""}}""");
        _bot.Slack.Answer("auth.test", """{"ok":true,"user_id":"U0BOT","team_id":"T1"}""");

        var found = await Platform.FindIncidentChannelAsync(Name, 7, CancellationToken.None);

        Assert.Equal("C0INC7", found?.Id);
    }

    [Theory]
    [InlineData("U0SOMEONE", "INC-71: Checkout down", false)] // someone else's channel, naming another incident
    [InlineData("U0SOMEONE", "", false)]                      // someone else took the name
    [InlineData("U0BOT", "", true)]                           // archived: not a room people are in
    public async Task AChannelOfThatNameThatIsNotThisIncidentsLiveRoomIsNotAdopted(string creator, string purpose, bool archived)
    {
        Page(cursor: null, next: "", $$$"""{"id":"C0TAKEN","name":"{{{Name}}}","creator":"{{{creator}}}","is_archived":{{{(archived ? "true" : "false")}}},"purpose":{"value":"{{{purpose}}}"},"topic":{"value":""}}""");
        _bot.Slack.Answer("auth.test", """{"ok":true,"user_id":"U0BOT","team_id":"T1"}""");

        Assert.Null(await Platform.FindIncidentChannelAsync(Name, 7, CancellationToken.None));
    }

    [Fact]
    public async Task NoChannelOfThatNameIsNothingFoundAndOnlyPrefixesDoNotCount()
    {
        Page(cursor: null, next: "", """{"id":"C0INC7B","name":"inc-7-checkout-down-2","creator":"U0BOT","purpose":{"value":"INC-7: Checkout down"}}""");

        Assert.Null(await Platform.FindIncidentChannelAsync(Name, 7, CancellationToken.None));
        Assert.Equal("public_channel,private_channel", _bot.Slack.Entries("conversations.list").Single().RequestMessage.Query!["types"].ToString());
    }

    [Fact]
    public async Task ARateLimitedListIsTheNeutralRetryLaterFailure()
    {
        _bot.Slack.Answer("conversations.list", """{"ok":false,"error":"ratelimited"}""");

        var failure = await Assert.ThrowsAsync<ChatOpsBot.Core.Messages.ChatUnavailableException>(() => Platform.FindIncidentChannelAsync(Name, 7, CancellationToken.None));
        Assert.True(failure.IsRateLimit);
    }

    [Fact]
    public async Task ACreateTheHttpRetrySentAgainAdoptsTheChannelTheFirstOneOpenedInsteadOfOpeningASecond()
    {
        // The first create made the channel but Slack's answer was a 503; the HTTP retry's create then finds the name taken.
        var creates = 0;
        _bot.Slack.Server.Given(Request.Create().WithPath("/api/conversations.create")).AtPriority(0).RespondWith(Response.Create().WithCallback(request =>
            Interlocked.Increment(ref creates) == 1
                ? new WireMock.ResponseMessage { StatusCode = 503 }
                : Json(request.Body!.Contains("\"inc-1-checkout-failing\"", StringComparison.Ordinal)
                    ? """{"ok":false,"error":"name_taken"}"""
                    : """{"ok":true,"channel":{"id":"C0SECOND","name":"inc-1-checkout-failing-2"}}""")));
        Page(cursor: null, next: "", """{"id":"C0INC1","name":"inc-1-checkout-failing","creator":"U0BOT","purpose":{"value":""},"topic":{"value":""}}""");
        _bot.Slack.Answer("auth.test", """{"ok":true,"user_id":"U0BOT","team_id":"T1"}""");

        var incident = await _bot.DeclareAndWaitAsync();

        Assert.Equal("C0INC1", incident.Channel!.Id);
        Assert.Equal(["inc-1-checkout-failing", "inc-1-checkout-failing"], _bot.Slack.Calls("conversations.create").Select(c => c.GetProperty("name").GetString()));
    }

    public void Dispose() => _bot.Dispose();

    private static WireMock.ResponseMessage Json(string json) => new()
    {
        StatusCode = 200,
        BodyData = new WireMock.Util.BodyData { BodyAsString = json, DetectedBodyType = WireMock.Types.BodyType.String },
        Headers = new Dictionary<string, WireMock.Types.WireMockList<string>> { ["Content-Type"] = new("application/json") },
    };

    private void Page(string? cursor, string next, string channel)
    {
        var request = Request.Create().WithPath("/api/conversations.list");
        request = cursor is null ? request.WithParam("cursor", WireMock.Matchers.MatchBehaviour.RejectOnMatch) : request.WithParam("cursor", cursor);
        _bot.Slack.Server.Given(request).AtPriority(1).RespondWith(Response.Create().WithHeader("Content-Type", "application/json")
            .WithBody($$$"""{"ok":true,"channels":[{{{channel}}}],"response_metadata":{"next_cursor":"{{{next}}}"}}"""));
    }
}
