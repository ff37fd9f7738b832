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
    public const string PlatformName = "console";

    /// <summary>The display name of the bot's messages in the console.</summary>
    public const string BotUser = "ChatOpsBot";

    // Far more than any workspace needs; a bound so a broken store cannot spin forever.
    private const int MaxNameAttempts = 100;

    public string Name => PlatformName;

    public string StakeholderChannelFor(Severity severity) =>
        ConsoleOptions.Normalize(options.Value.StakeholderChannels.For(severity, options.Value.StakeholderChannel));

    public IReadOnlyCollection<string> DefaultResponders => [.. options.Value.DefaultResponders.Select(u => u.Trim().ToLowerInvariant())];

    public static ConversationRef Conversation(string channel) => new(PlatformName, channel, channel);

    public async Task<ConversationRef> OpenIncidentChannelAsync(string name, bool isPrivate, CancellationToken cancellationToken)
    {
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
        var posted = await store.PostMessageAsync(channel.Id, new ConsoleMessageDraft(BotUser, message.Text, clock.GetUtcNow(), message), cancellationToken);
        return posted.Ts;
    }

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
