namespace ChatOpsBot.Core.Incidents;

/// <summary>What a domain verb decided: new events, nothing (a no-op), or a refusal with the reason.</summary>
public sealed record Decision
{
    private Decision(IReadOnlyList<IncidentEvent> events, string? refusal, string? noChangeReason)
    {
        Events = events;
        Refusal = refusal;
        NoChangeReason = noChangeReason;
    }

    public IReadOnlyList<IncidentEvent> Events { get; }

    public string? Refusal { get; }

    /// <summary>Why nothing was appended although the command was valid (e.g. the role already has that holder).</summary>
    public string? NoChangeReason { get; }

    public bool IsRefused => Refusal is not null;

    public static Decision Accept(params IncidentEvent[] events) => new(events, null, null);

    public static Decision Refuse(string reason) => new([], reason, null);

    public static Decision NoChange(string reason) => new([], null, reason);
}
