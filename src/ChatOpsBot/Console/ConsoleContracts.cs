using ChatOpsBot.Core.Messages;

namespace ChatOpsBot.Console;

// The console's JSON API, a public interface: the web UI and the browser tests depend on these shapes.

/// <param name="RequestId">Names this post: the same id from the same user is recorded once (the page always sends one).</param>
public sealed record PostMessageRequest(string? User, string? Channel, string? Text, string? RequestId = null);

public sealed record PostMessageResponse(IReadOnlyList<ReplyDto> Replies);

public sealed record ReplyDto(string Text, bool Private);

public sealed record ChannelDto(string Name, string Topic, string Purpose, bool Private, IReadOnlyList<string> Members)
{
    public static ChannelDto From(ConsoleChannel c) => new(c.Name, c.Topic, c.Purpose, c.IsPrivate, c.Members);
}

/// <summary><see cref="Rich"/> is the neutral message the bot posted (title, fields, actions, context); null for people.</summary>
public sealed record MessageDto(string Ts, string User, string Text, DateTimeOffset PostedAt, ChatMessage? Rich)
{
    public static MessageDto From(ConsoleMessage m) => new(m.Ts, m.User, m.Text, m.PostedAt, m.Rich);
}

/// <summary>Every 400 and 404 of the console API: one clear sentence, safe to show as is.</summary>
public sealed record ConsoleError(string Error);
