using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Core.Commands.Handling;

/// <summary>"/incident update public": a status update that the status page worker also publishes.</summary>
internal sealed class StatusPageHandler(IncidentService incidents)
{
    public async Task<CommandOutcome> PostPublicUpdateAsync(Incident incident, PostPublicUpdateCommand update, EventContext context, CancellationToken cancellationToken) =>
        Replies.For(await incidents.ExecuteAsync(incident.Number, i => i.PostPublicUpdate(update.Text, context.Actor), context, cancellationToken),
            r => $"Public status update posted on {r.Incident.Key}; it goes to the status page too.", CommandUsage.For("update"));
}
