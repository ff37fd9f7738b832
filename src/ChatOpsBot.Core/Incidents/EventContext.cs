namespace ChatOpsBot.Core.Incidents;

/// <summary>Who is acting, through what, and when it happened (defaults to now).</summary>
public sealed record EventContext(Actor Actor, EventSource Source, DateTimeOffset? OccurredAt = null);
