namespace ChatOpsBot.Console;

/// <summary>
/// The console's channels and messages. They live in the same store as the incidents, so every replica
/// shows the same console. Implemented by Storage (Redis and SQLite), tested by one contract suite.
/// </summary>
public interface IConsoleStore
{
    /// <summary>Creates the channel; false (and nothing changed) if the name is taken.</summary>
    Task<bool> TryCreateChannelAsync(ConsoleChannel channel, CancellationToken cancellationToken);

    Task<ConsoleChannel?> GetChannelAsync(string name, CancellationToken cancellationToken);

    /// <summary>Every channel, in creation order.</summary>
    Task<IReadOnlyList<ConsoleChannel>> ListChannelsAsync(CancellationToken cancellationToken);

    /// <summary>Adds members (idempotent; existing members stay). No-op for an unknown channel.</summary>
    Task AddMembersAsync(string channel, IReadOnlyCollection<string> members, CancellationToken cancellationToken);

    Task SetTopicAsync(string channel, string topic, CancellationToken cancellationToken);

    /// <summary>Appends a message; the store assigns its <see cref="ConsoleMessage.Ts"/>, unique and increasing within the channel.</summary>
    Task<ConsoleMessage> PostMessageAsync(string channel, ConsoleMessageDraft draft, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the text and rich content of message <paramref name="ts"/>, keeping its ts, author and time (the live
    /// incident card); false if there is no such message.
    /// </summary>
    Task<bool> UpdateMessageAsync(string channel, string ts, string text, Core.Messages.ChatMessage? rich, CancellationToken cancellationToken);

    /// <summary>The newest <paramref name="limit"/> messages of the channel, oldest first.</summary>
    Task<IReadOnlyList<ConsoleMessage>> ListMessagesAsync(string channel, int limit, CancellationToken cancellationToken);
}

public sealed record ConsoleChannel(string Name, string Topic, string Purpose, bool IsPrivate, IReadOnlyList<string> Members, DateTimeOffset CreatedAt);

/// <summary>A message before the store gives it a ts. <see cref="Rich"/> is the neutral message, when the bot posted one.</summary>
public sealed record ConsoleMessageDraft(string User, string Text, DateTimeOffset PostedAt, Core.Messages.ChatMessage? Rich = null);

public sealed record ConsoleMessage(string Ts, string Channel, string User, string Text, DateTimeOffset PostedAt, Core.Messages.ChatMessage? Rich = null);
