namespace ChatOpsBot.Core.Incidents;

/// <summary>
/// Who did something: a chat user (Slack "U123", a console name), an alert sender, or the bot.
/// <paramref name="Name"/> is for display only; identity is <paramref name="Id"/>.
/// </summary>
public sealed record Actor(string Id, string? Name = null)
{
    public static readonly Actor Bot = new("chatopsbot", "ChatOpsBot");

    public string DisplayName => Name ?? Id;

    /// <summary>How to mention the actor in chat text; adapters rewrite it to their own mention syntax.</summary>
    public string Mention => $"@{DisplayName}";
}
