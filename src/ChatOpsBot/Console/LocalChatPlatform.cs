using ChatOpsBot.Chat;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Messages;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Console;

/// <summary>
/// The chat platform behind the web console: channels and messages live in <see cref="IConsoleStore"/>,
/// so every replica serves the same console and the reconciler drives it exactly as it drives Slack.
/// </summary>
public sealed class LocalChatPlatform(IConsoleStore store, IOptions<ConsoleOptions> options, TimeProvider clock) : IChatPlatform
{
    public const string PlatformName = ChatPlatforms.Console;

    /// <summary>The display name of the bot's messages in the console.</summary>
    public const string BotUser = "ChatOpsBot";

    // Far more than any workspace needs; a bound so a broken store cannot spin forever.
    private const int MaxNameAttempts = 100;

    public string Name => PlatformName;

    /// <summary>No pins, files or purpose in the console: the card is the first message, files are posted as text.</summary>
    public ChatCapabilities Capabilities => ChatCapabilities.Topic | ChatCapabilities.ChannelCreation;

    public string CommandPrefix => "/incident";

    /// <summary>Console users are names: anyone named is a user here, except a Slack id seen from another platform.</summary>
    public bool IsUser(string actorId) => actorId.Length > 0 && !actorId.Any(char.IsUpper);

    public string StakeholderChannelFor(Severity severity) =>
        ConsoleOptions.Normalize(options.Value.StakeholderChannels.For(severity, options.Value.StakeholderChannel));

    public IReadOnlyCollection<string> DefaultResponders => [.. options.Value.DefaultResponders.Select(u => u.Trim().ToLowerInvariant())];

    public static ConversationRef Conversation(string channel) => new(PlatformName, channel, channel);

    public async Task<ConversationRef> OpenIncidentChannelAsync(int number, string title, bool isPrivate, CancellationToken cancellationToken)
    {
        var name = ChannelNames.ForIncident(number, title);
        for (var attempt = 1; attempt <= MaxNameAttempts; attempt++)
        {
            var candidate = attempt == 1 ? name : ChannelNames.WithSuffix(name, attempt);
            var channel = new ConsoleChannel(candidate, Topic: "", Purpose: "", isPrivate, Members: [], clock.GetUtcNow());
            if (await store.TryCreateChannelAsync(channel, cancellationToken))
            {
                return Conversation(candidate);
            }
        }

        throw new InvalidOperationException($"Could not find a free channel name for '{name}' after {MaxNameAttempts} attempts.");
    }

    /// <summary>Console channel names are only ever taken by the bot's own create, and an incident's name carries its number.</summary>
    public async Task<ConversationRef?> FindIncidentChannelAsync(string name, int incidentNumber, CancellationToken cancellationToken) =>
        name.StartsWith($"inc-{incidentNumber}-", StringComparison.Ordinal) && await store.GetChannelAsync(name, cancellationToken) is { } channel
            ? Conversation(channel.Name)
            : null;

    public Task InviteAsync(ConversationRef channel, IReadOnlyCollection<string> userIds, CancellationToken cancellationToken) =>
        store.AddMembersAsync(channel.Id, userIds.Select(u => u.ToLowerInvariant()).ToList(), cancellationToken);

    public Task SetTopicAsync(ConversationRef channel, string topic, CancellationToken cancellationToken) =>
        store.SetTopicAsync(channel.Id, topic, cancellationToken);

    /// <summary>
    /// The console store has no purpose setter yet (the console shows the topic); the purpose is still recorded
    /// on the timeline as PurposeSet, so giving the store one later needs no reconciler change.
    /// </summary>
    public Task SetPurposeAsync(ConversationRef channel, string purpose, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<string> PostAsync(ConversationRef channel, ChatMessage message, CancellationToken cancellationToken)
    {
        var rendered = Render(message);
        var posted = await store.PostMessageAsync(channel.Id, new ConsoleMessageDraft(BotUser, rendered.Text, clock.GetUtcNow(), rendered), cancellationToken);
        return posted.Ts;
    }

    /// <summary>The console's message edit: the card changes in place, where it is in the channel.</summary>
    public async Task UpdateAsync(ConversationRef channel, string messageId, ChatMessage message, CancellationToken cancellationToken)
    {
        var rendered = Render(message);
        if (!await store.UpdateMessageAsync(channel.Id, messageId, rendered.Text, rendered, cancellationToken))
        {
            throw new InvalidOperationException($"No message {messageId} in console channel {channel.Id} to update.");
        }
    }

    /// <summary>Never called: the console declares no pins.</summary>
    public Task PinAsync(ConversationRef channel, string messageId, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Mention tokens become "@name", which the console highlights; the page escapes all HTML itself (app.js
    /// formatText), so the text is stored as written and shown inert.
    /// </summary>
    public static ChatMessage Render(ChatMessage message) => new(Text(message.Text))
    {
        Title = message.Title is null ? null : Text(message.Title),
        Fields = [.. message.Fields.Select(f => new MessageField(ChatText.Plain(f.Label), Text(f.Value)))],
        Actions = message.Actions,
        Links = [.. message.Links.Where(l => IsOwnPath(l.Url) || (Uri.TryCreate(l.Url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https"))
            .Select(l => new MessageLink(ChatText.Plain(l.Label), l.Url))],
        Context = message.Context is null ? null : Text(message.Context),
    };

    // A path on this host ("/incidents/1"): the console is served from it, so it opens. Checked as text, because on
    // Unix "/incidents/1" also parses as an absolute file: URI.
    private static bool IsOwnPath(string url) => url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.Contains('\\', StringComparison.Ordinal);

    private static string Text(string text) => ChatText.Render(text, s => s, p => p.Kind switch
    {
        TextPartKind.Code => $"`{p.Text.Replace("`", "'", StringComparison.Ordinal)}`",
        _ => $"@{p.Text}",
    });

    /// <summary>
    /// The console has no direct messages of its own, so a DM is a private channel "dm-&lt;user&gt;" whose only member
    /// is that user: only they see it, like a Slack DM. Created on first use; creating it twice is harmless.
    /// </summary>
    public async Task<string> SendDirectMessageAsync(string userId, ChatMessage message, CancellationToken cancellationToken)
    {
        var user = userId.Trim().ToLowerInvariant();
        var name = DirectMessageChannel(user);
        await store.TryCreateChannelAsync(new ConsoleChannel(name, Topic: "Direct messages from ChatOpsBot", Purpose: "", IsPrivate: true, Members: [user], clock.GetUtcNow()), cancellationToken);
        return await PostAsync(Conversation(name), message, cancellationToken);
    }

    /// <summary>
    /// The console has no files: the comment (which links to the content, as the postmortem notice does) is posted,
    /// or the content itself when there is no comment.
    /// </summary>
    public Task<string> UploadFileAsync(ConversationRef channel, ChatFile file, ChatMessage? comment, CancellationToken cancellationToken) =>
        PostAsync(channel, comment ?? new ChatMessage($"📎 {file.Title} ({file.FileName})\n{file.Content}"), cancellationToken);

    public static string DirectMessageChannel(string user) => $"dm-{user.Trim().ToLowerInvariant()}";

    public async Task<ConversationRef?> FindChannelAsync(string nameOrId, CancellationToken cancellationToken)
    {
        var channel = await store.GetChannelAsync(ConsoleOptions.Normalize(nameOrId), cancellationToken);
        return channel is null ? null : Conversation(channel.Name);
    }
}
