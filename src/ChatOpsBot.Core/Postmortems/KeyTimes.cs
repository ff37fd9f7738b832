using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Core.Postmortems;

/// <summary>How the incident came to light: from an alert, or from a person noticing.</summary>
public sealed record Detection(DateTimeOffset At, bool ByAlert, Actor By, string? Signal);

/// <summary>
/// The times a postmortem measures from, all read from the timeline: declared; detected (earliest alert, else
/// the declaration); acknowledged (first person to hold commander); mitigated (first "monitoring"); resolved
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
            events.OfType<RoleAssigned>().Where(r => r.Role == Roles.Commander && r.Assignee.Id != Actor.Bot.Id).Select(r => (DateTimeOffset?)r.OccurredAt).Min(),
            events.OfType<StatusChanged>().Where(s => s.To == IncidentStatus.Monitoring).Select(s => (DateTimeOffset?)s.OccurredAt).Min(),
            resolved,
            events.OfType<Closed>().Select(c => (DateTimeOffset?)c.OccurredAt).FirstOrDefault());
    }

    /// <summary>
    /// Detection = the earliest alert signal, else the declaration by a person. EXTENSION POINT for alerts
    /// (issue #6): today an alert signal is any event that came in through <see cref="EventSource.Alert"/>
    /// (an incident declared by an alert webhook, a pinned alert message); when AlertFired exists, return its
    /// startsAt from <see cref="AlertSignal"/> if it differs from OccurredAt.
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
    public static (DateTimeOffset At, string? Text)? AlertSignal(IncidentEvent e) => e.Source == EventSource.Alert
        ? (e.OccurredAt, e switch
        {
            Declared d => d.Title,
            NoteAdded n => n.Text,
            _ => null,
        })
        : null;
}
