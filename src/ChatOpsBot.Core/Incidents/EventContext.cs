namespace ChatOpsBot.Core.Incidents;

/// <summary>Who is acting, through what, and when it happened (defaults to now).</summary>
/// <param name="RequestKey">The inbound request this is, when the platform names it: the same key twice is recorded once.</param>
public sealed record EventContext(Actor Actor, EventSource Source, DateTimeOffset? OccurredAt = null, string? RequestKey = null);
