using ChatOpsBot.Console;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Messages;
using ChatOpsBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsBot.Tests.Chat;

/// <summary>The console adapter against its real store (SQLite), read back as the console API serves it.</summary>
public sealed class ConsolePlatformContractTests : ChatPlatformContract, IDisposable
{
    private readonly BotFactory _bot = new();

    protected override Actor User { get; } = new("alice");

    protected override string RenderedMentionOfUser => "@alice";

    private IConsoleStore Store => _bot.Services.GetRequiredService<IConsoleStore>();

    protected override Task<IChatPlatform> StartAsync() =>
        Task.FromResult<IChatPlatform>(_bot.Services.GetServices<IChatPlatform>().OfType<LocalChatPlatform>().Single());

    protected override async Task<ShownMessage> ShownAsync(ConversationRef channel, string messageId)
    {
        var message = (await Store.ListMessagesAsync(channel.Id, 200, CancellationToken.None)).Single(m => m.Ts == messageId);
        var rich = message.Rich;
        var text = string.Join('\n', new[] { rich?.Title, message.Text }.Concat(rich?.Fields.Select(f => $"{f.Label}: {f.Value}") ?? []).Append(rich?.Context).OfType<string>());
        return new ShownMessage(text, [.. rich?.Actions.Select(a => a.Id) ?? []], [.. rich?.Links.Select(l => l.Url) ?? []]);
    }

    protected override async Task<IReadOnlyCollection<string>> MembersAsync(ConversationRef channel) =>
        (await Store.GetChannelAsync(channel.Id, CancellationToken.None))!.Members;

    protected override async Task<string?> TopicAsync(ConversationRef channel) => (await Store.GetChannelAsync(channel.Id, CancellationToken.None))?.Topic;

    protected override Task<bool> IsPinnedAsync(ConversationRef channel, string messageId) => throw new NotSupportedException("The console declares no pins.");

    protected override async Task<IReadOnlyList<string>> DirectMessagesAsync(string user) =>
        [.. (await Store.ListMessagesAsync(LocalChatPlatform.DirectMessageChannel(user), 50, CancellationToken.None)).Select(m => m.Text)];

    /// <summary>
    /// The console stores what was written and its page escapes every character of it (app.js formatText; the browser
    /// test shows it): so inert here means nothing but the text itself, no token markers, no markup added.
    /// </summary>
    protected override void AssertInert(string shownText)
    {
        Assert.Contains(Hostile, shownText, StringComparison.Ordinal);
        Assert.DoesNotContain(shownText, c => c is >= '\uE000' and <= '\uF8FF');
    }

    public void Dispose() => _bot.Dispose();
}
