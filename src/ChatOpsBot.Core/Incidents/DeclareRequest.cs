namespace ChatOpsBot.Core.Incidents;

public sealed record DeclareRequest(string Title, Severity? Severity = null, bool IsPrivate = false, Actor? Commander = null,
    ConversationRef? Origin = null, string? Description = null)
{
    /// <summary>Events recorded in the same append as the declaration, e.g. the alerts that caused it, so no reader sees one without the other.</summary>
    public IReadOnlyList<IncidentEvent> With { get; init; } = [];

    /// <summary>Who <see cref="With"/> is from when not the declarer: alerts a person declared from are the sender's.</summary>
    public EventContext? WithContext { get; init; }
}
