using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Tracker;

namespace ChatOpsBot.Core.Commands.Handling;

/// <summary>"/incident action export": asks for the open action items to be filed; the tracker worker files them. <paramref name="tracker"/> is null when none is configured.</summary>
internal sealed class TrackerHandler(IncidentService incidents, TrackerSettings? tracker)
{
    public async Task<CommandOutcome> ExportActionItemsAsync(Incident incident, EventContext context, CancellationToken cancellationToken)
    {
        if (tracker is null)
        {
            return CommandOutcome.Error("No tracker is configured on this bot: set Tracker:GitHub:Repository and Tracker:GitHub:Token, or Tracker:Jira:BaseUrl.",
                CommandUsage.For("action"));
        }

        var result = await incidents.ExecuteAsync(incident.Number, i => i.RequestActionItemExport(), context, cancellationToken);
        return Replies.For(result,
            r => $"🎫 Filing {r.Incident.ActionItemsToExport.Count()} action item(s) of {r.Incident.Key} in {tracker.Name}; the channel hears each issue's link.",
            CommandUsage.For("action"));
    }
}
