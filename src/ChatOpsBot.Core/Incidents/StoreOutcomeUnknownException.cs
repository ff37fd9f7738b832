namespace ChatOpsBot.Core.Incidents;

/// <summary>
/// An append was sent to the store and no answer came back (a timeout, a dropped connection): the events may or may
/// not be on the timeline. Whoever answers a person must not say "nothing was changed"; with a request key, asking
/// the store later (<see cref="IncidentService.FindOutcomeAsync"/>) tells, and retrying the same command is safe.
/// </summary>
public sealed class StoreOutcomeUnknownException(int? incidentNumber, Exception inner)
    : Exception(incidentNumber is { } number
        ? $"The incident store did not answer an append to {Incident.FormatKey(number)}; it may have been recorded."
        : "The incident store did not answer a declaration; the new incident may have been recorded.", inner)
{
    /// <summary>The incident appended to; null for a declaration, whose number the store hands out in the same step.</summary>
    public int? IncidentNumber { get; } = incidentNumber;
}
