using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ChatOpsBot.Console;
using ChatOpsBot.Core.Messages;
using ChatOpsBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsBot.Tests.Console;

public sealed class ConsoleApiTests : IDisposable
{
    private readonly BotFactory _app = new();
    private readonly ConsoleApiClient _api;

    public ConsoleApiTests() => _api = new ConsoleApiClient(_app.CreateClient());

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task DefaultChannelsExistAtStart()
    {
        var channels = await _api.ChannelsAsync();

        Assert.Equal(["general", "incidents", "triage"], channels.Select(c => c.Name));
        Assert.All(channels, c => Assert.False(c.Private));
        Assert.Equal("Incident announcements for stakeholders", channels.Single(c => c.Name == "incidents").Topic);
        Assert.Equal("Company-wide announcements", channels.Single(c => c.Name == "general").Topic);
    }

    [Fact]
    public async Task DeclaringAnIncidentRepliesPrivatelyNamingIt()
    {
        var response = await _api.SayAsync("alice", "general", "/incident declare sev2 Checkout failing");

        var reply = Assert.Single(response.Replies);
        Assert.True(reply.Private);
        Assert.Contains("INC-1", reply.Text, StringComparison.Ordinal);
        Assert.Empty(await _api.MessagesAsync("general")); // a command is not chat: nobody else sees it
    }

    [Fact]
    public async Task TheReconcilerOpensTheIncidentChannelOnTheConsoleAndAnnouncesIt()
    {
        using var app = new BotFactory(new Dictionary<string, string?> { ["Console:DefaultResponders:0"] = "oncall-lead" });
        var api = new ConsoleApiClient(app.CreateClient());

        await api.SayAsync("alice", "general", "/incident declare sev2 Checkout failing");

        var channel = await Eventually.Get(
            async () => (await api.ChannelsAsync("alice")).FirstOrDefault(c => c.Name == "inc-1-checkout-failing"),
            c => c is not null && c.Members.Contains("oncall-lead") && c.Topic.Length > 0, "the incident channel with its members and topic");
        Assert.Contains("alice", channel!.Members);
        var kickoff = await Eventually.Get(() => api.MessagesAsync("inc-1-checkout-failing"), m => m.Count > 0, "the kick-off message");
        Assert.Equal("🚨 INC-1 · SEV2 · Checkout failing", kickoff[0].Rich?.Title);
        var announcements = await Eventually.Get(() => api.MessagesAsync("incidents"), m => m.Count > 0, "the announcement in #incidents");
        Assert.Contains("#inc-1-checkout-failing", announcements[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACommandThatDoesNotParseGetsUsageHelpPrivately()
    {
        var response = await _api.SayAsync("alice", "general", "/incident frobnicate");

        var reply = Assert.Single(response.Replies);
        Assert.True(reply.Private);
        Assert.Contains("⚠️", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownSlashCommandIsAnsweredPrivatelyAndNotPosted()
    {
        var response = await _api.SayAsync("alice", "general", "/shrug");

        Assert.Contains("/incident help", Assert.Single(response.Replies).Text, StringComparison.Ordinal);
        Assert.Empty(await _api.MessagesAsync("general"));
    }

    [Fact]
    public async Task PlainMessagesAppearInTheChannelAndJoinTheSender()
    {
        var response = await _api.SayAsync("Alice", "#general", "Is checkout slow for anyone else?");

        Assert.Empty(response.Replies);
        var message = Assert.Single(await _api.MessagesAsync("general"));
        Assert.Equal("alice", message.User);
        Assert.Equal("Is checkout slow for anyone else?", message.Text);
        Assert.Null(message.Rich);
        Assert.False(string.IsNullOrEmpty(message.Ts));
        Assert.Contains("alice", (await _api.ChannelsAsync()).Single(c => c.Name == "general").Members);
    }

    [Fact]
    public async Task MessagesComeOldestFirstAndLimitKeepsTheNewest()
    {
        foreach (var text in new[] { "one", "two", "three" })
        {
            await _api.SayAsync("bob", "general", text);
        }

        var newest = await _api.Http.GetFromJsonAsync<List<MessageDto>>("/api/console/channels/general/messages?limit=2");

        Assert.Equal(["two", "three"], newest!.Select(m => m.Text));
    }

    public static TheoryData<string, string, string, string> BadMessages => new()
    {
        { "", "general", "hello", "user name" },
        { "al ice", "general", "hello", "user name" },
        { "-alice", "general", "hello", "user name" },
        { new string('a', 33), "general", "hello", "user name" },
        { "chatopsbot", "general", "hello", "bot's name" },
        { "alice", "general", "   ", "empty" },
        { "alice", "general", new string('x', ConsoleApi.MaxTextLength + 1), "limit is 4000" },
        { "alice", "", "hello", "channel" },
    };

    [Theory]
    [MemberData(nameof(BadMessages))]
    public async Task BadInputGets400WithAClearMessageAndChangesNothing(string user, string channel, string text, string expected)
    {
        using var response = await _api.PostAsync(user, channel, text);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await ConsoleApiClient.ErrorOfAsync(response), StringComparison.Ordinal);
        Assert.Empty(await _api.MessagesAsync("general"));
        Assert.All(await _api.ChannelsAsync(), c => Assert.Empty(c.Members));
    }

    [Fact]
    public async Task AnUnknownChannelIs404()
    {
        using var post = await _api.PostAsync("alice", "nope", "hello");
        using var read = await _api.Http.GetAsync("/api/console/channels/nope/messages");

        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Contains("#nope", await ConsoleApiClient.ErrorOfAsync(post), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    [Fact]
    public async Task APrivateChannelIsInvisibleToNonMembers()
    {
        var platform = _app.Services.GetRequiredService<IChatPlatform>();
        var channel = await platform.OpenIncidentChannelAsync(7, "Payroll leak", isPrivate: true, CancellationToken.None);
        await platform.InviteAsync(channel, ["alice"], CancellationToken.None);
        await platform.PostAsync(channel, new ChatMessage("INC-7 declared: Payroll leak"), CancellationToken.None);

        Assert.DoesNotContain("inc-7-payroll-leak", (await _api.ChannelsAsync("bob")).Select(c => c.Name));
        Assert.DoesNotContain("inc-7-payroll-leak", (await _api.ChannelsAsync()).Select(c => c.Name));
        Assert.Contains("inc-7-payroll-leak", (await _api.ChannelsAsync("alice")).Select(c => c.Name));

        using var bobReads = await _api.Http.GetAsync("/api/console/channels/inc-7-payroll-leak/messages?user=bob");
        using var bobPosts = await _api.PostAsync("bob", "inc-7-payroll-leak", "what is this?");
        using var unknown = await _api.PostAsync("bob", "inc-8-nothing", "what is this?");
        Assert.Equal(HttpStatusCode.NotFound, bobReads.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, bobPosts.StatusCode);
        // Indistinguishable from a channel that does not exist, so nothing leaks.
        Assert.Equal(
            (await ConsoleApiClient.ErrorOfAsync(unknown)).Replace("inc-8-nothing", "X", StringComparison.Ordinal),
            (await ConsoleApiClient.ErrorOfAsync(bobPosts)).Replace("inc-7-payroll-leak", "X", StringComparison.Ordinal));
        var messages = await _api.MessagesAsync("inc-7-payroll-leak", "alice");
        Assert.Equal(["INC-7 declared: Payroll leak"], messages.Select(m => m.Text));
    }

    [Fact]
    public async Task BotMessagesCarryTheRichMessageOnTheWire()
    {
        var platform = _app.Services.GetRequiredService<IChatPlatform>();
        var general = await platform.FindChannelAsync("#general", CancellationToken.None);
        await platform.PostAsync(general!, new ChatMessage("INC-1 declared: Checkout failing")
        {
            Title = "🚨 INC-1 · SEV2 · Checkout failing",
            Fields = [new("Severity", "SEV2")],
            Actions = [new("take-scribe", "Take scribe", "/incident INC-1 scribe {me}", IsPrimary: true)],
            Context = "Declared by @alice",
        }, CancellationToken.None);

        var message = (await _api.MessagesJsonAsync("general"))[0];

        Assert.Equal(LocalChatPlatform.BotUser, message.GetProperty("user").GetString());
        Assert.Equal("INC-1 declared: Checkout failing", message.GetProperty("text").GetString());
        Assert.True(message.TryGetProperty("postedAt", out _));
        var rich = message.GetProperty("rich");
        Assert.Equal("🚨 INC-1 · SEV2 · Checkout failing", rich.GetProperty("title").GetString());
        Assert.Equal("SEV2", rich.GetProperty("fields")[0].GetProperty("value").GetString());
        Assert.Equal("/incident INC-1 scribe {me}", rich.GetProperty("actions")[0].GetProperty("command").GetString());
        Assert.True(rich.GetProperty("actions")[0].GetProperty("isPrimary").GetBoolean());
        Assert.Equal("Declared by @alice", rich.GetProperty("context").GetString());
    }

    [Fact]
    public async Task AnIncidentChannelWhoseNameIsTakenGetsASuffix()
    {
        var platform = _app.Services.GetRequiredService<IChatPlatform>();

        var first = await platform.OpenIncidentChannelAsync(1, "Checkout", isPrivate: false, CancellationToken.None);
        var second = await platform.OpenIncidentChannelAsync(1, "Checkout", isPrivate: false, CancellationToken.None);
        var third = await platform.OpenIncidentChannelAsync(1, "Checkout", isPrivate: false, CancellationToken.None);

        Assert.Equal(new("console", "inc-1-checkout", "inc-1-checkout"), first);
        Assert.Equal("inc-1-checkout-2", second.Id);
        Assert.Equal("inc-1-checkout-3", third.Id);
        Assert.Null(await platform.FindChannelAsync("inc-1-nothing", CancellationToken.None));
    }

    [Fact]
    public async Task TheWebUiIsServedAtTheRoot()
    {
        using var page = await _api.Http.GetAsync("/");
        using var script = await _api.Http.GetAsync("/app.js");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("app.js", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }
}

public sealed class ConsoleAccessTests
{
    private const string Token = "console-test-token-0123456789";

    [Fact]
    public async Task WithAnAccessTokenTheApiRequiresTheBearer()
    {
        using var app = new BotFactory(new Dictionary<string, string?> { ["Api:AccessToken"] = Token });
        var http = app.CreateClient();

        using var anonymous = await http.GetAsync("/api/console/channels");
        using var anonymousPost = await new ConsoleApiClient(http).PostAsync("alice", "general", "hello");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using var authorized = await http.GetAsync("/api/console/channels");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousPost.StatusCode);
        Assert.Equal(HttpStatusCode.OK, authorized.StatusCode);
        Assert.Empty(await new ConsoleApiClient(http).MessagesAsync("general"));
    }

    [Fact]
    public async Task WithAWrongBearerTheApiAnswers401()
    {
        using var app = new BotFactory(new Dictionary<string, string?> { ["Api:AccessToken"] = Token });
        var http = app.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token + "x");

        using var response = await http.GetAsync("/api/console/channels");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task DisablingTheConsoleTurnsOffTheApiTheUiAndThePlatform()
    {
        using var app = new BotFactory(new Dictionary<string, string?> { ["Console:Enabled"] = "false" });
        var http = app.CreateClient();

        using var api = await http.GetAsync("/api/console/channels");
        using var ui = await http.GetAsync("/");

        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, ui.StatusCode);
        Assert.DoesNotContain(app.Services.GetServices<IChatPlatform>(), p => p is LocalChatPlatform);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("true", true)]
    public async Task WithSlackConfiguredTheConsoleIsOffUnlessAskedFor(string? enabled, bool expectConsole)
    {
        using var app = new BotFactory(new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = "0123456789abcdef0123456789abcdef",
            ["Slack:BotToken"] = "xoxb-test-token",
            ["Slack:StakeholderChannel"] = "C0STAKEHOLDERS",
            ["Console:Enabled"] = enabled,
        });

        using var api = await app.CreateClient().GetAsync("/api/console/channels");

        Assert.Equal(expectConsole ? HttpStatusCode.OK : HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal(expectConsole, app.Services.GetServices<IChatPlatform>().Any(p => p is LocalChatPlatform));
    }

    [Fact]
    public void ABadChannelSettingIsRefusedNamingTheKey()
    {
        // Checked through the validator: Program logs and swallows start-up failures, so the factory only sees a dead host.
        var options = new ConsoleOptions
        {
            StakeholderChannel = "Not A Channel!", DefaultChannels = ["general", "ops room"], DefaultResponders = ["bob", "chatopsbot"],
            StakeholderChannels = new() { Sev2 = "Exec Room" },
        };

        var result = new ConsoleOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Console:StakeholderChannel", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Console:DefaultChannels entry 'ops room'", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Console:DefaultResponders entry 'chatopsbot'", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Console:StakeholderChannels:Sev2 'Exec Room'", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("'bob'", result.FailureMessage, StringComparison.Ordinal);
        Assert.True(new ConsoleOptionsValidator().Validate(null, new ConsoleOptions()).Succeeded);
    }
}
