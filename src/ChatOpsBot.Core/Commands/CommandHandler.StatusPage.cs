using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Core.Commands;

public sealed partial class CommandHandler
{
    private async Task<CommandOutcome> PostPublicUpdateAsync(Incident incident, PostPublicUpdateCommand update, Actor actor, EventContext context,
        CancellationToken cancellationToken) =>
        Reply(await incidents.ExecuteAsync(incident.Number, i => i.PostPublicUpdate(update.Text, actor), context, cancellationToken),
            r => $"Public status update posted on {r.Incident.Key}; it goes to the status page too.", CommandUsage.For("update"));
}
