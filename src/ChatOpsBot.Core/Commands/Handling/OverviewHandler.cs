using System.Text;
using ChatOpsBot.Core.Dora;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Insights;
using ChatOpsBot.Core.Statistics;

namespace ChatOpsBot.Core.Commands.Handling;

/// <summary>
/// The commands about all incidents rather than one: the open ones, statistics and insights over a window.
/// <paramref name="delivery"/> adds the four keys to <c>stats</c> when deploy intake is set up; <paramref name="insights"/> is null when it is not.
/// </summary>
internal sealed class OverviewHandler(IncidentReader incidents, TimeProvider clock, DeliveryMetrics? delivery, InsightsService? insights)
{
    public async Task<CommandOutcome> ListOpenAsync(Actor actor, CancellationToken cancellationToken)
    {
        var open = (await incidents.ListAsync(cancellationToken))
            .Where(i => i.Status.IsOpen() && Replies.CanSee(actor, i))
            .OrderBy(i => i.Severity).ThenBy(i => i.Number)
            .ToList();
        if (open.Count == 0)
        {
            return CommandOutcome.Reply("No open incidents. 🎉");
        }

        var sb = new StringBuilder($"{open.Count} open incident{(open.Count == 1 ? "" : "s")}:");
        foreach (var i in open)
        {
            sb.Append($"\n• {i.Key} · {i.Severity.Label()} · {i.Status.Label()} · {i.Title} · IC {i.Commander?.Mention ?? "none"}");
            if (i.Channel is not null)
            {
                sb.Append($" · #{i.Channel.Name ?? i.Channel.Id}");
            }
        }

        return CommandOutcome.Reply(sb.ToString());
    }

    public async Task<CommandOutcome> StatsAsync(StatsCommand stats, Actor actor, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var text = StatisticsText.Format(await IncidentStatistics.ComputeAsync(incidents, now, stats.Days, cancellationToken, i => Replies.CanSee(actor, i)));
        return CommandOutcome.Reply(delivery is null ? text : text + "\n" + DoraText.Format(await delivery.ComputeAsync(now, stats.Days, cancellationToken)));
    }

    public async Task<CommandOutcome> InsightsAsync(InsightsCommand command, CancellationToken cancellationToken) =>
        CommandOutcome.Reply(insights is null
            ? "Insights are not set up on this bot."
            : InsightsText.Format(await insights.ComputeAsync(clock.GetUtcNow(), command.Days, cancellationToken)));
}
