using ChatOpsBot.Core.Changes;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Postmortems;
using ChatOpsBot.Core.Statistics;

namespace ChatOpsBot.Core.Dora;

/// <summary>Reads what <see cref="DoraMetrics"/> needs from the stores: the window's deploys and the incidents tagged with a change.</summary>
public sealed class DeliveryMetrics(IncidentReader incidents, IChangeStore changes, DoraSettings settings)
{
    /// <summary>The longest window asked of the stores; a longer one is refused before anything is read.</summary>
    public const int MaxDays = 400;

    public async Task<DoraReport> ComputeAsync(DateTimeOffset now, int days, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(days, MaxDays);
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        var deploys = await changes.ListAsync(now - TimeSpan.FromDays(days), now, cancellationToken);
        var tagged = new List<IncidentFacts>();
        foreach (var incident in (await incidents.ListAsync(cancellationToken)).Where(i => i.LinkedChanges.Count > 0))
        {
            tagged.Add(new IncidentFacts(incident, KeyTimes.From(await incidents.ReadTimelineAsync(incident.Number, cancellationToken))));
        }

        return DoraMetrics.Compute(deploys, tagged, now, days, settings);
    }
}
