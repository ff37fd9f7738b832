using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Core.Commands;

public sealed partial class CommandHandler
{
    private async Task<CommandOutcome> ExportActionItemsAsync(Incident incident, EventContext context, CancellationToken cancellationToken)
    {
        if (tracker is null)
        {
            return CommandOutcome.Error("No tracker is configured on this bot: set Tracker:GitHub:Repository and Tracker:GitHub:Token, or Tracker:Jira:BaseUrl.",
                CommandUsage.For("action"));
        }

        var result = await incidents.ExecuteAsync(incident.Number, i => i.RequestActionItemExport(), context, cancellationToken);
        return Reply(result,
            r => $"🎫 Filing {r.Incident.ActionItemsToExport.Count()} action item(s) of {r.Incident.Key} in {tracker.Name}; the channel hears each issue's link.",
            CommandUsage.For("action"));
    }
}
