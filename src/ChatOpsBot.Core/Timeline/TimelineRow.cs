using System.Text.Json;
using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Core.Timeline;

/// <summary>One event as the people-facing exports show it: when, T+, what kind, who, through what, and the line.</summary>
public sealed record TimelineRow(IncidentEvent Event, DateTimeOffset OccurredAt, TimeSpan SinceDeclared, string Type, string Actor, string Source, string Text)
{
    /// <summary>
    /// The rows of a timeline for people: the reconciler's bookkeeping left out, in the order things happened
    /// (a pinned message recorded late still sits where it happened; ties keep the timeline's order).
    /// </summary>
    public static IReadOnlyList<TimelineRow> From(IReadOnlyList<IncidentEvent> events, bool includeBookkeeping = false)
    {
        var start = events.OfType<Declared>().FirstOrDefault()?.OccurredAt ?? (events.Count > 0 ? events[0].OccurredAt : default);
        return events
            .Where(e => includeBookkeeping || !TimelineText.IsBookkeeping(e))
            .Select((e, i) => (e, i))
            .OrderBy(x => x.e.OccurredAt).ThenBy(x => x.i)
            .Select(x => new TimelineRow(x.e, x.e.OccurredAt, x.e.OccurredAt - start, x.e.GetType().Name, x.e.Actor.DisplayName,
                JsonNamingPolicy.CamelCase.ConvertName(x.e.Source.ToString()), TimelineText.Describe(x.e)))
            .ToList();
    }
}
