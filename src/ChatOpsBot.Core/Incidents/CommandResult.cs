namespace ChatOpsBot.Core.Incidents;

/// <summary>The outcome of a command on an incident: the state after it and what, if anything, was appended.</summary>
public sealed record CommandResult(Incident Incident, IReadOnlyList<IncidentEvent> Appended, string? Refusal, string? NoChangeReason)
{
    public bool Succeeded => Refusal is null;

    /// <summary>The same request key was recorded before: nothing was appended now, and this is the first one's result.</summary>
    public bool IsReplay { get; init; }

    public static CommandResult Refused(string reason, Incident? incident = null) => new(incident ?? Incident.None, [], reason, null);
}
