using System.Net;
using System.Text;
using ChatOpsBot.Slack;
using ChatOpsBot.Tests.Slack.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsBot.Tests.Slack;

/// <summary>Every bad request gets 401, 400 or a clear ephemeral message; none appends an event, none is a 500.</summary>
public sealed class SlackBadInputTests : IDisposable
{
    private readonly SlackBot _bot = new();

    public static TheoryData<string> Endpoints => new() { "/slack/commands", "/slack/events", "/slack/interactivity" };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task AWrongSignatureIsRefusedWith401(string path)
    {
        var response = await _bot.Http.SendAsync(SlackSigner.SignedRequest(path, DeclareForm(), secret: "not-the-signing-secret-0123456789"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertNothingDeclaredAsync();
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task AMissingSignatureIsRefusedWith401(string path)
    {
        var response = await _bot.Http.PostAsync(path, DeclareForm());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertNothingDeclaredAsync();
    }

    [Fact]
    public async Task AStaleTimestampIsRefusedEvenWithACorrectSignature()
    {
        var response = await _bot.Http.SendAsync(SlackSigner.SignedRequest("/slack/commands", DeclareForm(), at: TimeProvider.System.GetUtcNow().AddMinutes(-6)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertNothingDeclaredAsync();
    }

    [Fact]
    public async Task ABodyChangedAfterSigningIsRefused()
    {
        var request = SlackSigner.SignedRequest("/slack/commands", SlackSigner.Form(("user_id", "U0ALICE"), ("channel_id", "C0OPS"), ("text", "declare sev4 Minor")));
        request.Content = SlackSigner.Form(("user_id", "U0ALICE"), ("channel_id", "C0OPS"), ("text", "declare sev1 Major"));

        Assert.Equal(HttpStatusCode.Unauthorized, (await _bot.Http.SendAsync(request)).StatusCode);
        await AssertNothingDeclaredAsync();
    }

    [Fact]
    public async Task ASignedCommandWithoutUserOrChannelIsAClear400()
    {
        var response = await _bot.Http.SendAsync(SlackSigner.SignedRequest("/slack/commands", SlackSigner.Form(("text", "declare sev1 Oops"))));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertNothingDeclaredAsync();
    }

    [Fact]
    public async Task ASignedCommandThatIsNotAFormIsAClear400()
    {
        var response = await _bot.Http.SendAsync(SlackSigner.SignedRequest("/slack/commands", new StringContent("{\"text\":\"declare\"}", Encoding.UTF8, "application/json")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("{\"type\":\"event_callback\"}")]
    [InlineData("[]")]
    public async Task MalformedEventJSONIsAClear400(string body)
    {
        var response = await _bot.Http.SendAsync(SlackSigner.SignedRequest("/slack/events", SlackSigner.Json(body)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("payload={not json")]
    [InlineData("nopayload=1")]
    public async Task AMalformedInteractionPayloadIsAClear400(string body)
    {
        var response = await _bot.Http.SendAsync(SlackSigner.SignedRequest("/slack/interactivity",
            new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task TheUrlVerificationChallengeIsAnswered()
    {
        var response = await _bot.Http.SendAsync(SlackSigner.SignedRequest("/slack/events",
            SlackSigner.Json("""{"token":"x","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}""")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnUnknownCallbackIdIsRefusedWithoutA500AndAppendsNothing()
    {
        var submission = await _bot.InteractAsync(new { type = "view_submission", user = new { id = "U0ALICE" }, view = new { callback_id = "who_knows" } });
        var shortcut = await _bot.InteractAsync(new { type = "message_action", callback_id = "who_knows", user = new { id = "U0ALICE" }, channel = new { id = "C0OPS" } });

        Assert.Equal(HttpStatusCode.BadRequest, submission.StatusCode);
        Assert.Equal(HttpStatusCode.OK, shortcut.StatusCode);
        var told = await _bot.EventuallyCallsAsync("chat.postEphemeral");
        Assert.Contains("does not know that action", told[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        await AssertNothingDeclaredAsync();
    }

    [Fact]
    public async Task AnOutsiderPressingAButtonOnAPrivateIncidentIsToldClearlyAndNothingIsAppended()
    {
        await _bot.DeclareAndWaitAsync("declare sev1 private Payroll export leaked");
        var before = (await _bot.TimelineAsync()).Count;

        var response = await _bot.InteractAsync(SlackDeclareTests.ButtonPress("U0MALLORY", "mallory", "take-commander", "/incident INC-1 commander {me}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var told = await _bot.EventuallyCallsAsync("chat.postEphemeral");
        Assert.Contains("There is no INC-1", told[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("U0MALLORY", told[0].GetProperty("user").GetString());
        Assert.Equal(before, (await _bot.TimelineAsync()).Count);
        Assert.Equal("U0ALICE", (await _bot.Incidents.Reader.GetAsync(1, default)).Commander?.Id);
    }

    [Fact]
    public async Task ARefusedCommandIsAnEphemeralExplanationNotAnError()
    {
        var text = await SlackBot.EphemeralTextAsync(await _bot.CommandAsync("resolve"));

        Assert.Contains("not an incident channel", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlackIsOffWithoutASigningSecretAndToken()
    {
        using var plain = new Tests.Support.BotFactory(Tests.Support.BotFactory.Sqlite(Path.Combine(Path.GetTempPath(), $"chatopsbot-{Guid.NewGuid():N}.db")));

        var response = await plain.CreateClient().SendAsync(SlackSigner.SignedRequest("/slack/commands", DeclareForm()));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(plain.Services.GetServices<Core.Messages.IChatPlatform>(), p => p.Name == "slack");
    }

    [Fact]
    public void ABadSettingStopsTheHost()
    {
        var settings = new Dictionary<string, string?>(Tests.Support.BotFactory.Sqlite(Path.Combine(Path.GetTempPath(), $"chatopsbot-{Guid.NewGuid():N}.db")))
        {
            ["Slack:SigningSecret"] = SlackSigner.Secret,
            ["Slack:BotToken"] = "xoxp-a-user-token",
            ["Slack:StakeholderChannel"] = FakeSlack.Stakeholders,
        };

        // Not disposed: WebApplicationFactory throws disposing a host that never started.
        var bad = new Tests.Support.BotFactory(settings);

        Assert.ThrowsAny<Exception>(() => bad.CreateClient());
    }

    [Fact]
    public void TheSettingsCheckNamesEachBadKeyAndNeverEchoesASecret()
    {
        var result = new SlackOptionsValidator().Validate(null, new SlackOptions
        {
            SigningSecret = "short", BotToken = "xoxp-a-user-token", StakeholderChannel = "", DefaultResponders = ["alice"], TimelineReaction = ":pushpin:",
            StakeholderChannels = new() { Sev1 = "#exec-updates" },
        });

        Assert.True(result.Failed);
        foreach (var key in new[] { "Slack:SigningSecret", "Slack:BotToken", "Slack:StakeholderChannel", "Slack:DefaultResponders", "Slack:TimelineReaction", "Slack:StakeholderChannels:Sev1" })
        {
            Assert.Contains(key, result.FailureMessage, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("xoxp-a-user-token", result.FailureMessage, StringComparison.Ordinal);
        Assert.True(new SlackOptionsValidator().Validate(null, new SlackOptions
        {
            SigningSecret = SlackSigner.Secret, BotToken = "xoxb-1", StakeholderChannel = "C0STAKE", DefaultResponders = ["U0ONCALL"],
            StakeholderChannels = new() { Sev1 = "C0SEV1", Sev2 = "G0PRIVATE" },
        }).Succeeded);
    }

    private static FormUrlEncodedContent DeclareForm() =>
        SlackSigner.Form(("user_id", "U0ALICE"), ("channel_id", "C0OPS"), ("command", "/incident"), ("text", "declare sev1 Forged"));

    private async Task AssertNothingDeclaredAsync() => Assert.Empty(await _bot.Incidents.Reader.ListAsync(default));

    public void Dispose() => _bot.Dispose();
}
