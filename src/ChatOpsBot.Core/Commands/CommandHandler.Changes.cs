using ChatOpsBot.Core.Changes;
using ChatOpsBot.Core.Dora;
using ChatOpsBot.Core.Statistics;
using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Core.Commands;

/// <summary>"What changed?", tagging the cause and the affected services.</summary>
public sealed partial class CommandHandler
{
    private async Task<CommandOutcome> ChangesReplyAsync(Incident incident, CancellationToken cancellationToken)
    {
        if (changes is null)
        {
            return CommandOutcome.Error("Deploy intake is not set up on this bot.", CommandUsage.For("changes"));
        }

        return CommandOutcome.Reply(ChangeMessages.Reply(incident, await changes.ForAsync(incident, cancellationToken)), incident.Number);
    }

    /// <summary>
    /// A stored deploy (by id or URL) is linked by its id, so the change failure rate counts it whichever way it was named;
    /// anything else (a pull request, a config push) is linked as typed.
    /// </summary>
    private async Task<CommandOutcome> LinkChangeAsync(Incident incident, string typed, EventContext context, CancellationToken cancellationToken)
    {
        var change = changes is null ? null : await changes.ResolveAsync(typed, cancellationToken);
        var link = change?.Id ?? typed;
        return Reply(await incidents.ExecuteAsync(incident.Number, i => i.LinkChange(link), context, cancellationToken),
            res => change is null
                ? $"{res.Incident.Key} is tagged as caused by {typed} (not a deploy the bot has recorded)."
                : $"{res.Incident.Key} is tagged as caused by deploy {change.Id}: {change.Describe()}.",
            CommandUsage.For("change"));
    }

    private async Task<CommandOutcome> TagServiceAsync(Incident incident, string service, EventContext context, CancellationToken cancellationToken) =>
        Reply(await incidents.ExecuteAsync(incident.Number, i => i.TagService(service), context, cancellationToken),
            res => $"{res.Incident.Key} affects {service.Trim()}; its deploys come first in `/incident changes`.",
            CommandUsage.For("service"));

    private async Task<string> StatsReplyAsync(int days, Func<Incident, bool> visible, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var text = StatisticsText.Format(await IncidentStatistics.ComputeAsync(incidents, now, days, cancellationToken, visible));
        return delivery is null ? text : text + "\n" + DoraText.Format(await delivery.ComputeAsync(now, days, cancellationToken));
    }

    private async Task<string> InsightsReplyAsync(int days, CancellationToken cancellationToken) =>
        insights is null
            ? "Insights are not set up on this bot."
            : Insights.InsightsText.Format(await insights.ComputeAsync(_clock.GetUtcNow(), days, cancellationToken));
}
