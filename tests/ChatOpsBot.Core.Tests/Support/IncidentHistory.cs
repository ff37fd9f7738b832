using ChatOpsBot.Core.Incidents;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsBot.Core.Tests.Support;

/// <summary>
/// An incident built by calling its verbs, with each accepted event stamped as the service would
/// (actor, time, version), so verb tests can start from any state without a store.
/// </summary>
public sealed class IncidentHistory
{
    public static readonly DateTimeOffset Start = new(2025, 3, 14, 9, 0, 0, TimeSpan.Zero);

    private readonly List<IncidentEvent> _events = [];

    public FakeTimeProvider Clock { get; } = new(Start);

    public Incident State { get; private set; } = Incident.None;

    public IReadOnlyList<IncidentEvent> Events => _events;

    public static IncidentHistory Declared(Actor? declarer = null, Severity severity = Severity.Sev2, bool isPrivate = false)
    {
        declarer ??= Some.Actor();
        var history = new IncidentHistory();
        return history.Record(Incident.Declare(Some.Title(), severity, isPrivate, declarer, null, null, new IncidentSettings()), declarer);
    }

    public IncidentHistory Then(Func<Incident, Decision> verb, Actor? actor = null) => Record(verb(State), actor ?? Some.Actor());

    public IncidentHistory Record(Decision decision, Actor actor)
    {
        Assert.False(decision.IsRefused, decision.Refusal);
        foreach (var e in decision.Events)
        {
            var stamped = e with
            {
                IncidentNumber = 1,
                Actor = actor,
                Source = EventSource.Command,
                OccurredAt = e.OccurredAt == default ? Clock.GetUtcNow() : e.OccurredAt, // as IncidentService: an alert keeps its own time
                Version = _events.Count + 1,
            };
            _events.Add(stamped);
            State = State.Apply(stamped);
        }

        return this;
    }
}
