namespace ChatOpsBot.Core.Incidents;

/// <summary>Who, from where and when, on each event a command decided: the domain verbs only say what happened.</summary>
internal sealed class EventStamper(TimeProvider clock, IncidentSettings settings)
{
    public IncidentEvent[] Stamp(IReadOnlyList<IncidentEvent> events, int number, EventContext context)
    {
        var now = clock.GetUtcNow();
        var occurredAt = context.OccurredAt ?? now;
        return events.Select(e =>
        {
            // An event that knows when it happened (an alert's startsAt) keeps that time, if it can be true: a time
            // before the epoch or far ahead would make every duration derived from it absurd.
            var claimed = (e.OccurredAt == default ? occurredAt : e.OccurredAt).ToUniversalTime();
            var believable = settings.IsBelievable(claimed, now);
            return e with
            {
                IncidentNumber = number,
                Actor = context.Actor,
                Source = context.Source,
                RequestKey = context.RequestKey,
                OccurredAt = believable ? claimed : now.ToUniversalTime(),
                ClaimedOccurredAt = believable ? null : claimed,
            };
        }).ToArray();
    }
}
