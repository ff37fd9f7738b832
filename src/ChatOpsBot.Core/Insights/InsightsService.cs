using ChatOpsBot.Core.Changes;
using ChatOpsBot.Core.Dora;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Postmortems;

namespace ChatOpsBot.Core.Insights;

/// <summary>Reads what <see cref="IncidentInsights"/> needs: the window's timelines (and tagged older ones) and its deploys.</summary>
public sealed class InsightsService(IncidentReader incidents, BlamelessReview review, IChangeStore? changes = null, DoraSettings? dora = null)
{
    public async Task<InsightsReport> ComputeAsync(DateTimeOffset now, int days, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(days, DeliveryMetrics.MaxDays);
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        var from = now - TimeSpan.FromDays(days);
        var facts = new List<InsightFacts>();
        // Incidents tagged to a change are read whatever their age: a deploy in the window may be the cause of one declared later.
        foreach (var incident in (await incidents.ListAsync(cancellationToken)).Where(i => i.DeclaredAt >= from || i.LinkedChanges.Count > 0))
        {
            var events = await incidents.ReadTimelineAsync(incident.Number, cancellationToken);
            facts.Add(new InsightFacts(incident, KeyTimes.From(events), review.Review(events)));
        }

        // The first week starts before the window; its deploys are read too so its bar is whole.
        var deploys = changes is null ? null : await changes.ListAsync(IncidentInsights.WeekOf(from), now, cancellationToken);
        return IncidentInsights.Compute(facts, deploys, now, days, dora);
    }
}
