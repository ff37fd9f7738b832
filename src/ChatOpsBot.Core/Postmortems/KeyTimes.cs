using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Core.Postmortems;

/// <summary>How the incident came to light: from an alert, or from a person noticing.</summary>
public sealed record Detection(DateTimeOffset At, bool ByAlert, Actor By, string? Signal);

/// <summary>
/// The times a postmortem measures from, all read from the timeline: declared; detected (earliest alert, else
/// the declaration); acknowledged (first person to hold commander, or to acknowledge a page in the pager); mitigated (first "monitoring"); resolved
/// (the last resolution, since a reopen undoes the earlier one); closed.
/// </summary>
public sealed record KeyTimes(
    DateTimeOffset Declared,
    Detection Detection,
    DateTimeOffset? Acknowledged,
    DateTimeOffset? Mitigated,
    DateTimeOffset? Resolved,
    DateTimeOffset? Closed)
{
    public DateTimeOffset Detected => Detection.At;

    public TimeSpan? TimeToAcknowledge => Acknowledged - Detected;

    public TimeSpan? TimeToMitigate => Mitigated - Detected;

    public TimeSpan? TimeToResolve => Resolved - Detected;

    public static KeyTimes From(IReadOnlyList<IncidentEvent> events)
    {
        var declared = events.OfType<Declared>().First();
        DateTimeOffset? resolved = null;
        foreach (var e in events)
        {
            resolved = e switch
            {
                Resolved r => r.OccurredAt,
                Reopened => null,
                _ => resolved,
            };
        }

        return new KeyTimes(
            declared.OccurredAt,
            Detect(events, declared),
            events.OfType<RoleAssigned>().Where(r => r.Role == Roles.Commander && r.Assignee.Id != Actor.Bot.Id).Select(r => r.OccurredAt)
                .Concat(events.OfType<PageAcknowledged>().Select(a => a.OccurredAt)).Select(t => (DateTimeOffset?)t).Min(),
            events.OfType<StatusChanged>().Where(s => s.To == IncidentStatus.Monitoring).Select(s => (DateTimeOffset?)s.OccurredAt).Min(),
            resolved,
            events.OfType<Closed>().Select(c => (DateTimeOffset?)c.OccurredAt).FirstOrDefault());
    }

    /// <summary>
    /// Detection = the earliest alert signal (an alert's startsAt, an incident declared by an alert), if it came
    /// no later than the declaration; else the declaration by a person.
    /// </summary>
    private static Detection Detect(IReadOnlyList<IncidentEvent> events, Declared declared)
    {
        var earliest = events
            .Select(e => (Event: e, Signal: AlertSignal(e)))
            .Where(x => x.Signal is not null)
            .OrderBy(x => x.Signal!.Value.At)
            .FirstOrDefault();
        return earliest.Signal is { } signal && signal.At <= declared.OccurredAt
            ? new Detection(signal.At, true, earliest.Event.Actor, signal.Text)
            : new Detection(declared.OccurredAt, false, declared.Actor, null);
    }

    /// <summary>When an event says an alert started, and what it said; null for events that are not alerts.</summary>
    public static (DateTimeOffset At, string? Text)? AlertSignal(IncidentEvent e) => e switch
    {
        // An AlertFired's OccurredAt is the alert's own startsAt, so detection is when the alert began.
        AlertFired f => (f.OccurredAt, f.Summary),
        AlertResolved => null,
        Declared d when e.Source == EventSource.Alert => (d.OccurredAt, d.Title),
        NoteAdded n when e.Source == EventSource.Alert => (n.OccurredAt, n.Text),
        _ => null,
    };
}
