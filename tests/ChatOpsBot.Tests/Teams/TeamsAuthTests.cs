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
    public async Task A_well_signed_token_for_this_bot_is_accepted_and_the_command_runs()
    {
        var response = await _bot.PostAsync(_bot.ChannelMessage("incident declare sev2 Checkout failing"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Eventually.Get(() => _bot.Incidents.Reader.ListAsync(default), l => l.Count == 1, "the declared incident");
    }

    [Fact]
    public async Task A_request_without_a_token_is_refused() =>
        await AssertRefusedAsync(await _bot.PostRawAsync(Declare(), token: null));

    [Fact]
    public async Task An_expired_token_is_refused_beyond_the_five_minute_skew() =>
        await AssertRefusedAsync(await Post(_bot.Signer.Token(ServiceUrl, expiresIn: TimeSpan.FromMinutes(-6), validFrom: TimeSpan.FromMinutes(-40))));

    [Fact]
    public async Task A_token_expired_within_the_clock_skew_is_still_accepted()
    {
        var response = await Post(_bot.Signer.Token(ServiceUrl, expiresIn: TimeSpan.FromMinutes(-2), validFrom: TimeSpan.FromMinutes(-30)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_token_not_yet_valid_is_refused() =>
        await AssertRefusedAsync(await Post(_bot.Signer.Token(ServiceUrl, validFrom: TimeSpan.FromMinutes(10))));

    [Fact]
    public async Task A_token_signed_by_an_unpublished_key_is_refused() =>
        await AssertRefusedAsync(await Post(_bot.Signer.ForgedToken(ServiceUrl)));

    [Fact]
    public async Task A_token_for_another_bot_is_refused() =>
        await AssertRefusedAsync(await Post(_bot.Signer.Token(ServiceUrl, audience: "11111111-2222-3333-4444-555555555555")));

    [Fact]
    public async Task A_token_from_another_issuer_is_refused() =>
        await AssertRefusedAsync(await Post(_bot.Signer.Token(ServiceUrl, issuer: "https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/")));

    [Fact]
    public async Task A_token_signed_by_a_key_not_endorsed_for_msteams_is_refused() =>
        await AssertRefusedAsync(await Post(_bot.Signer.Token(ServiceUrl, kid: TeamsSigner.UnendorsedKid)));

    [Fact]
    public async Task An_unsigned_alg_none_token_is_refused() =>
        await AssertRefusedAsync(await Post(TeamsSigner.UnsignedToken(ServiceUrl)));

    [Fact]
    public async Task A_token_whose_serviceurl_is_not_the_activitys_is_refused() =>
        await AssertRefusedAsync(await Post(_bot.Signer.Token("https://smba.trafficmanager.net/evil/")));

    [Fact]
    public async Task A_token_that_is_not_a_jwt_is_refused() =>
        await AssertRefusedAsync(await Post("not-a-jwt"));

    [Fact]
    public async Task A_key_rolled_after_start_is_fetched_on_its_unknown_kid()
    {
        await A_well_signed_token_for_this_bot_is_accepted_and_the_command_runs();
        using var rolled = RSA.Create(2048);
        _bot.Teams.PublishKeys(_bot.Signer.Jwks(("bf-key-rolled", rolled, ["msteams"])));

        var response = await _bot.PostAsync(_bot.ChannelMessage("incident declare sev3 Search slow"),
            _bot.Signer.Token(ServiceUrl, kid: "bf-key-rolled", signWith: rolled));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Eventually.Get(() => _bot.Incidents.Reader.ListAsync(default), l => l.Count == 2, "the second incident");
    }

    [Fact]
    public async Task When_the_signing_keys_cannot_be_fetched_activities_are_refused_not_failed()
    {
        using var bot = new TeamsBot(new Dictionary<string, string?> { ["Teams:OpenIdMetadataUrl"] = _bot.Teams.Url + "/no-such-metadata" });

        var response = await bot.PostAsync(bot.ChannelMessage("incident declare sev2 Checkout failing"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await bot.Incidents.Reader.ListAsync(default));
    }

    [Fact]
    public async Task A_malformed_activity_is_a_400_and_appends_nothing()
    {
        var response = await _bot.PostRawAsync("{\"type\": \"message\", \"text\": ", _bot.Signer.Token(ServiceUrl));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Bot Framework activity", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await _bot.Incidents.Reader.ListAsync(default));
    }

    [Fact]
    public async Task An_activity_without_a_conversation_is_a_400()
    {
        var activity = _bot.ChannelMessage("incident declare sev2 Checkout failing");
        activity.Remove("conversation");

        var response = await _bot.PostAsync(activity);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task An_oversized_activity_is_refused_and_appends_nothing()
    {
        var activity = _bot.ChannelMessage("incident declare sev2 " + new string('x', 300 * 1024));

        var response = await _bot.PostAsync(activity);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(await _bot.Incidents.Reader.ListAsync(default));
    }

    [Fact]
    public async Task An_unknown_invoke_is_a_400_with_its_name()
    {
        var response = await _bot.PostAsync(_bot.Invoke("task/fetch-something-else", new JsonObject()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("task/fetch-something-else", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_card_verb_gets_an_error_answer_and_appends_nothing()
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
