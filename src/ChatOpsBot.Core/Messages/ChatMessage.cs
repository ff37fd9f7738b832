namespace ChatOpsBot.Core.Messages;

/// <summary>
/// A platform-neutral message. Adapters render it: Block Kit for Slack, Adaptive Cards for Teams, HTML in the console.
/// <see cref="Text"/> alone must read well: it is the notification text and the fallback.
/// </summary>
public sealed record ChatMessage(string Text)
{
    public string? Title { get; init; }

    public IReadOnlyList<MessageField> Fields { get; init; } = [];

    public IReadOnlyList<MessageAction> Actions { get; init; } = [];

    /// <summary>Links shown under the fields, e.g. an alert's runbook and dashboard. Only http(s) URLs belong here.</summary>
    public IReadOnlyList<MessageLink> Links { get; init; } = [];

    /// <summary>A quiet footer line, e.g. "INC-4 · declared by @alice".</summary>
    public string? Context { get; init; }
}

public sealed record MessageField(string Label, string Value);

public sealed record MessageLink(string Label, string Url);

/// <summary>
/// A button. <see cref="Command"/> is the command text it runs for whoever clicks it;
/// "{me}" stands for the clicking user's mention.
/// </summary>
public sealed record MessageAction(string Id, string Label, string Command, bool IsPrimary = false);
