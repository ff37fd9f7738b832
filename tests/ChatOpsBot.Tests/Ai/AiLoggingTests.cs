using System.Text.Json;
using ChatOpsBot.Testing;
using ChatOpsBot.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ChatOpsBot.Tests.Ai;

/// <summary>
/// The co-pilot's logs, read from the host process's own output: the prompt, the model and the token counts are
/// there; the API key never is, and a private incident's text is not either.
/// </summary>
public sealed class AiLoggingTests : IAsyncLifetime
{
    private const string ApiKey = "sk-SECRET-copilot-key-0123456789";

    private readonly WireMockServer _model = WireMockServer.Start();
    private HostProcess _host = null!;

    public async Task InitializeAsync()
    {
        var completion = JsonSerializer.Serialize(new
        {
            id = "chatcmpl-123",
            @object = "chat.completion",
            created = 1677652288,
            model = "test-model",
            choices = new[] { new { index = 0, message = new { role = "assistant", content = """{"summary":"Search went down.","impact":"All users.","rewrites":[]}""" }, finish_reason = "stop" } },
            usage = new { prompt_tokens = 9, completion_tokens = 12, total_tokens = 21 },
        });
        _model.Given(Request.Create().WithPath("/v1/chat/completions").UsingPost())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(completion));
        _host = await BotProcess.StartAsync(new Dictionary<string, string>
        {
            ["Ai:Endpoint"] = $"{_model.Url}/v1",
            ["Ai:Model"] = "test-model",
            ["Ai:ApiKey"] = ApiKey,
            ["Ai:IncludePrivate"] = "true",
            ["Reconciler:SweepInterval"] = "00:00:01",
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _model.Stop();
    }

    [Fact]
    public async Task PromptModelAndTokensAreLoggedButNeverTheKeyNorAPrivateIncidentsText()
    {
        var console = new ConsoleApiClient(_host.Http);
        await CloseWithDraftAsync(console, "/incident declare sev2 Search is down", "inc-1-", "Public note about the search shards.");
        await CloseWithDraftAsync(console, "/incident declare sev2 private Payroll export leaked", "inc-2-", "PRIVATE-NOTE-TEXT about the payroll bucket.");

        var output = await Eventually.Get(() => Task.FromResult(_host.Output),
            o => CountOf(o, "completion tokens") >= 2, "both drafts' model answers in the logs", TimeSpan.FromSeconds(30));

        Assert.Contains("Public note about the search shards.", output, StringComparison.Ordinal);
        Assert.Contains("test-model", output, StringComparison.Ordinal);
        Assert.Contains("(private: text not logged)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE-NOTE-TEXT", output, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, output, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", output, StringComparison.Ordinal);
    }

    private static async Task CloseWithDraftAsync(ConsoleApiClient console, string declare, string channelPrefix, string note)
    {
        await console.SayExpectingOneReplyAsync("alice", "general", declare);
        var channels = await Eventually.Get(() => console.ChannelsAsync("alice"), c => c.Any(x => x.Name.StartsWith(channelPrefix, StringComparison.Ordinal)), "the incident channel");
        var room = channels.First(x => x.Name.StartsWith(channelPrefix, StringComparison.Ordinal)).Name;
        await console.SayExpectingOneReplyAsync("alice", room, $"/incident note {note}");
        await console.SayExpectingOneReplyAsync("alice", room, "/incident resolve Done.");
        await console.SayExpectingOneReplyAsync("alice", room, "/incident close");
        await Eventually.Get(() => console.MessagesAsync(room, "alice"), m => m.Any(x => x.Text.Contains("postmortem draft", StringComparison.Ordinal)),
            "the draft at close", TimeSpan.FromSeconds(30));
    }

    private static int CountOf(string text, string what)
    {
        var count = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
