using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Paging;

namespace ChatOpsBot.Core.Commands.Handling;

/// <summary>"/incident page": asks for a page; the paging worker sends it. <paramref name="paging"/> is null when no provider is configured.</summary>
internal sealed class PagingHandler(IncidentService incidents, PagingSettings? paging)
{
    public async Task<CommandOutcome> PageAsync(Incident incident, PageCommand page, EventContext context, CancellationToken cancellationToken)
    {
        if (paging is null)
        {
            return CommandOutcome.Error("Paging is not configured on this bot: set Paging:PagerDuty:RoutingKey or Paging:Opsgenie:ApiKey.", CommandUsage.For(page.Name));
        }

        var result = await incidents.ExecuteAsync(incident.Number, i => i.RequestPage(page.Target, page.Message), context, cancellationToken);
        return Replies.For(result,
            r => $"📟 Paging {page.Target} for {r.Incident.Key} via {string.Join(" and ", paging.Providers)}; the channel hears when the page is out.",
            CommandUsage.For(page.Name));
    }
}
