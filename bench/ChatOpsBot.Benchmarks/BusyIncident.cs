using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Benchmarks;

/// <summary>A long SEV1: mostly notes and updates, with handoffs, status and severity changes, action items and bookkeeping.</summary>
internal static class BusyIncident
{
    public static IReadOnlyList<IncidentEvent> Events(int count)
    {
        var random = new Random(42);
        var start = new DateTimeOffset(2025, 3, 14, 9, 0, 0, TimeSpan.Zero);
        var people = Enumerable.Range(1, 12).Select(i => new Actor($"U{i}", $"responder{i}")).ToArray();
        var events = new List<IncidentEvent>(count)
        {
            new Declared("Checkout returns 502 for card payments", Severity.Sev2, false, null),
            new RoleAssigned(Roles.Commander, people[0], null),
        };
        var items = 0;
        var status = IncidentStatus.Investigating;
        while (events.Count < count - 2)
        {
            var who = people[random.Next(people.Length)];
            events.Add((random.Next(100)) switch
            {
                < 55 => new NoteAdded($"Observation {events.Count}: p99 {random.Next(100, 9000)} ms on pod-{random.Next(40)}, | pipes, \"quotes\", <b>html</b> and maybe we should have scaled earlier"),
                < 70 => new StatusUpdatePosted($"Update {events.Count}: still working on the payment gateway; next update in 30 minutes."),
                < 78 => new ActionItemAdded(++items, $"Follow up {items}: alert on pool saturation", random.Next(2) == 0 ? who : null),
                < 84 => new RoleAssigned(Roles.Commander, who, null),
                < 90 => new StatusChanged(status, status = status == IncidentStatus.Monitoring ? IncidentStatus.Investigating : status + 1),
                < 94 => new SeverityChanged(Severity.Sev2, Severity.Sev1),
                _ => new ChannelMessagesPosted(events.Count),
            });
        }

        events.Add(new Resolved("Rolled back; pool limit restored."));
        events.Add(new Closed());
        return events.Select((e, i) => e with
        {
            IncidentNumber = 7,
            Version = i + 1,
            Actor = i < 2 ? people[0] : people[i % people.Length],
            Source = EventSource.Command,
            OccurredAt = start.AddSeconds(i * 7),
            RecordedAt = start.AddSeconds(i * 7),
        }).ToList();
    }
}
