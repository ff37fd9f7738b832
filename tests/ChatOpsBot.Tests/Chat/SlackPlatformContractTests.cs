using System.Text.Json;
using System.Text.RegularExpressions;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Messages;
using ChatOpsBot.Slack;
using ChatOpsBot.Tests.Slack.Support;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace ChatOpsBot.Tests.Chat;

/// <summary>The Slack adapter against WireMock playing the Web API, read back from the request bodies Slack received.</summary>
public sealed partial class SlackPlatformContractTests : ChatPlatformContract, IDisposable
{
    // Marks a plain_text element's text in ShownMessage.Text.
    private const string PlainPrefix = "[plain_text] ";

    private readonly SlackBot _bot = new();

    protected override Actor User { get; } = new("U0ALICE", "alice");

    protected override string RenderedMentionOfUser => "<@U0ALICE>";

    protected override Task<IChatPlatform> StartAsync()
    {
        // conversations.create answers with the name it was asked for, as Slack does.
        _bot.Slack.Server.Given(Request.Create().WithPath("/api/conversations.create")).AtPriority(1)
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json")
                .WithBody("""{"ok":true,"channel":{"id":"C0NEW","name":"{{JsonPath.SelectToken request.body '$.name'}}"}}""").WithTransformer());
        return Task.FromResult<IChatPlatform>(_bot.Factory.Services.GetRequiredService<SlackChatPlatform>());
    }

    protected override Task<ShownMessage> ShownAsync(ConversationRef channel, string messageId)
    {
        // WireMock answers every post with the same ts, so the message is the channel's latest post or update.
        var call = _bot.Slack.Entries("chat.postMessage").Concat(_bot.Slack.Entries("chat.update"))
            .Where(e => e.RequestMessage.Body!.Contains($"\"channel\":\"{channel.Id}\"", StringComparison.Ordinal))
            .OrderBy(e => e.RequestMessage.DateTime).Select(e => JsonDocument.Parse(e.RequestMessage.Body!).RootElement.Clone()).Last();
        var texts = new List<string> { call.GetProperty("text").GetString()! };
        var buttons = new List<string>();
        var links = new List<string>();
        foreach (var block in call.GetProperty("blocks").EnumerateArray())
        {
            foreach (var t in Texts(block))
            {
                texts.Add(t);
                links.AddRange(SlackLink().Matches(t).Select(m => m.Groups["url"].Value));
            }

            if (block.GetProperty("type").GetString() == "actions")
            {
                buttons.AddRange(block.GetProperty("elements").EnumerateArray().Select(e => e.GetProperty("action_id").GetString()![BlockKit.CommandActionPrefix.Length..]));
            }
        }

        return Task.FromResult(new ShownMessage(string.Join('\n', texts), buttons, links));
    }

    protected override Task<IReadOnlyCollection<string>> MembersAsync(ConversationRef channel) =>
        Task.FromResult<IReadOnlyCollection<string>>([.. _bot.Slack.Calls("conversations.invite").Where(c => c.GetProperty("channel").GetString() == channel.Id)
            .SelectMany(c => c.GetProperty("users").GetString()!.Split(','))]);

    protected override Task<string?> TopicAsync(ConversationRef channel) =>
        Task.FromResult(_bot.Slack.Calls("conversations.setTopic").LastOrDefault(c => c.GetProperty("channel").GetString() == channel.Id) is { ValueKind: JsonValueKind.Object } call
            ? call.GetProperty("topic").GetString() : null);

    protected override Task<bool> IsPinnedAsync(ConversationRef channel, string messageId) =>
        Task.FromResult(_bot.Slack.Calls("pins.add").Any(c => c.GetProperty("channel").GetString() == channel.Id && c.GetProperty("timestamp").GetString() == messageId));

    protected override Task<IReadOnlyList<string>> DirectMessagesAsync(string user) =>
        Task.FromResult<IReadOnlyList<string>>([.. _bot.Slack.Calls("chat.postMessage").Where(c => c.GetProperty("channel").GetString() == user).Select(c => c.GetProperty("text").GetString()!)]);

    /// <summary>
    /// No broadcast, user group or disguised link is live anywhere, and in mrkdwn no formatting marker can pair up
    /// (plain_text, the header, formats nothing).
    /// </summary>
    protected override void AssertInert(string shownText)
    {
        foreach (var live in new[] { "<!channel>", "<!here>", "<!everyone>", "<!subteam", "<https://evil.example", "<b>", "<script>" })
        {
            Assert.DoesNotContain(live, shownText, StringComparison.Ordinal);
        }

        foreach (var line in shownText.Split('\n').Where(l => !l.StartsWith(PlainPrefix, StringComparison.Ordinal)))
        {
            Assert.DoesNotContain("*star*", line, StringComparison.Ordinal);
            Assert.DoesNotContain("_under_", line, StringComparison.Ordinal);
            Assert.DoesNotContain("`tick`", line, StringComparison.Ordinal);
        }

        Assert.Contains("&lt;!channel&gt;", shownText, StringComparison.Ordinal);
        Assert.Contains("&amp; done", shownText, StringComparison.Ordinal);
    }

    public void Dispose() => _bot.Dispose();

    private static IEnumerable<string> Texts(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            if (element.TryGetProperty("type", out var type) && type.GetString() is "mrkdwn" or "plain_text" && element.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
            {
                yield return (type.GetString() == "plain_text" ? PlainPrefix : "") + text.GetString();
                yield break;
            }

            foreach (var p in element.EnumerateObject().Where(p => p.Name != "elements" || element.GetProperty("type").GetString() == "context"))
            {
                foreach (var t in Texts(p.Value))
                {
                    yield return t;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var t in element.EnumerateArray().SelectMany(Texts))
            {
                yield return t;
            }
        }
    }

    [GeneratedRegex(@"<(?<url>https?://[^|>]+)\|[^>]*>")]
    private static partial Regex SlackLink();
}
