namespace ChatOpsBot.Core.Incidents;

/// <summary>A conversation on one chat platform: a Slack channel id, a Teams conversation id, a console channel name.</summary>
public sealed record ConversationRef(string Platform, string Id, string? Name = null);
