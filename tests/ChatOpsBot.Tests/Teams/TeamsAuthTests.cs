using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using ChatOpsBot.Tests.Support;
using ChatOpsBot.Tests.Teams.Support;

namespace ChatOpsBot.Tests.Teams;

/// <summary>
/// Every request to /api/messages proves it came from the Bot Connector. Each bad token is refused with 401 and
/// the declare it carried appends nothing; the good token next to each shows the refusal is about the token.
/// </summary>
public sealed class TeamsAuthTests : IDisposable
{
    private readonly TeamsBot _bot = new();

    private string ServiceUrl => _bot.Teams.ServiceUrl;

    [Fact]
    public async Task AWellSignedTokenForThisBotIsAcceptedAndTheCommandRuns()
    {
        var response = await _bot.PostAsync(_bot.ChannelMessage("incident declare sev2 Checkout failing"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Eventually.Get(() => _bot.Incidents.Reader.ListAsync(default), l => l.Count == 1, "the declared incident");
    }

    [Fact]
    public async Task ARequestWithoutATokenIsRefused() =>
        await AssertRefusedAsync(await _bot.PostRawAsync(Declare(), token: null));

    [Fact]
    public async Task AnExpiredTokenIsRefusedBeyondTheFiveMinuteSkew() =>
        await AssertRefusedAsync(await Post(_bot.Signer.Token(ServiceUrl, expiresIn: TimeSpan.FromMinutes(-6), validFrom: TimeSpan.FromMinutes(-40))));

    [Fact]
    public async Task ATokenExpiredWithinTheClockSkewIsStillAccepted()
    {
        var response = await Post(_bot.Signer.Token(ServiceUrl, expiresIn: TimeSpan.FromMinutes(-2), validFrom: TimeSpan.FromMinutes(-30)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ATokenNotYetValidIsRefused() =>
        await AssertRefusedAsync(await Post(_bot.Signer.Token(ServiceUrl, validFrom: TimeSpan.FromMinutes(10))));

    [Fact]
    public async Task ATokenSignedByAnUnpublishedKeyIsRefused() =>
        await AssertRefusedAsync(await Post(_bot.Signer.ForgedToken(ServiceUrl)));

    [Fact]
    public async Task ATokenForAnotherBotIsRefused() =>
        await AssertRefusedAsync(await Post(_bot.Signer.Token(ServiceUrl, audience: "11111111-2222-3333-4444-555555555555")));

    [Fact]
    public async Task ATokenFromAnotherIssuerIsRefused() =>
        await AssertRefusedAsync(await Post(_bot.Signer.Token(ServiceUrl, issuer: "https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/")));

    [Fact]
    public async Task ATokenSignedByAKeyNotEndorsedForMsteamsIsRefused() =>
        await AssertRefusedAsync(await Post(_bot.Signer.Token(ServiceUrl, kid: TeamsSigner.UnendorsedKid)));

    [Fact]
    public async Task AnUnsignedAlgNoneTokenIsRefused() =>
        await AssertRefusedAsync(await Post(TeamsSigner.UnsignedToken(ServiceUrl)));

    [Fact]
    public async Task ATokenWhoseServiceurlIsNotTheActivitysIsRefused() =>
        await AssertRefusedAsync(await Post(_bot.Signer.Token("https://smba.trafficmanager.net/evil/")));

    [Fact]
    public async Task ATokenThatIsNotAJwtIsRefused() =>
        await AssertRefusedAsync(await Post("not-a-jwt"));

    [Fact]
    public async Task AKeyRolledAfterStartIsFetchedOnItsUnknownKid()
    {
        await AWellSignedTokenForThisBotIsAcceptedAndTheCommandRuns();
        using var rolled = RSA.Create(2048);
        _bot.Teams.PublishKeys(_bot.Signer.Jwks(("bf-key-rolled", rolled, ["msteams"])));

        var response = await _bot.PostAsync(_bot.ChannelMessage("incident declare sev3 Search slow"),
            _bot.Signer.Token(ServiceUrl, kid: "bf-key-rolled", signWith: rolled));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Eventually.Get(() => _bot.Incidents.Reader.ListAsync(default), l => l.Count == 2, "the second incident");
    }

    [Fact]
    public async Task WhenTheSigningKeysCannotBeFetchedActivitiesAreRefusedNotFailed()
    {
        using var bot = new TeamsBot(new Dictionary<string, string?> { ["Teams:OpenIdMetadataUrl"] = _bot.Teams.Url + "/no-such-metadata" });

        var response = await bot.PostAsync(bot.ChannelMessage("incident declare sev2 Checkout failing"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await bot.Incidents.Reader.ListAsync(default));
    }

    [Fact]
    public async Task AMalformedActivityIsA400AndAppendsNothing()
    {
        var response = await _bot.PostRawAsync("{\"type\": \"message\", \"text\": ", _bot.Signer.Token(ServiceUrl));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Bot Framework activity", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await _bot.Incidents.Reader.ListAsync(default));
    }

    [Fact]
    public async Task AnActivityWithoutAConversationIsA400()
    {
        var activity = _bot.ChannelMessage("incident declare sev2 Checkout failing");
        activity.Remove("conversation");

        var response = await _bot.PostAsync(activity);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task AnOversizedActivityIsRefusedAndAppendsNothing()
    {
        var activity = _bot.ChannelMessage("incident declare sev2 " + new string('x', 300 * 1024));

        var response = await _bot.PostAsync(activity);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(await _bot.Incidents.Reader.ListAsync(default));
    }

    [Fact]
    public async Task AnUnknownInvokeIsA400WithItsName()
    {
        var response = await _bot.PostAsync(_bot.Invoke("task/fetch-something-else", new JsonObject()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("task/fetch-something-else", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownCardVerbGetsAnErrorAnswerAndAppendsNothing()
    {
        var response = await _bot.PostAsync(_bot.Invoke("adaptiveCard/action", TeamsBot.Execute("incident.selfdestruct", new JsonObject())));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(400, body["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.error", body["type"]!.GetValue<string>());
        Assert.Contains("does not know that action", body["value"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(await _bot.Incidents.Reader.ListAsync(default));
    }

    private string Declare() => _bot.ChannelMessage("incident declare sev2 Checkout failing").ToJsonString();

    private Task<HttpResponseMessage> Post(string token) => _bot.PostRawAsync(Declare(), token);

    private async Task AssertRefusedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await _bot.Incidents.Reader.ListAsync(default));
        Assert.Empty(_bot.Teams.Calls("/connector/"));
    }

    public void Dispose() => _bot.Dispose();
}
