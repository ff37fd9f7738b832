using ChatOpsBot.Core.Changes;
using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Core.Commands.Handling;

/// <summary>
/// "What changed?", tagging the cause and the affected services.
/// <paramref name="changes"/> is null when deploy intake is not set up; then <c>changes</c> says so and causes are linked as typed.
/// </summary>
internal sealed class ChangeHandler(IncidentService incidents, WhatChanged? changes)
{
    public async Task<CommandOutcome> ListAsync(Incident incident, CancellationToken cancellationToken)
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
    public async Task<CommandOutcome> LinkAsync(Incident incident, LinkChangeCommand command, EventContext context, CancellationToken cancellationToken)
    {
        var typed = command.Change;
        var change = changes is null ? null : await changes.ResolveAsync(typed, cancellationToken);
        var link = change?.Id ?? typed;
        return Replies.For(await incidents.ExecuteAsync(incident.Number, i => i.LinkChange(link), context, cancellationToken),
            res => change is null
                ? $"{res.Incident.Key} is tagged as caused by {typed} (not a deploy the bot has recorded)."
                : $"{res.Incident.Key} is tagged as caused by deploy {change.Id}: {change.Describe()}.",
            CommandUsage.For("change"));
    }

    public async Task<CommandOutcome> TagServiceAsync(Incident incident, TagServiceCommand command, EventContext context, CancellationToken cancellationToken) =>
        Replies.For(await incidents.ExecuteAsync(incident.Number, i => i.TagService(command.Service), context, cancellationToken),
            res => $"{res.Incident.Key} affects {command.Service.Trim()}; its deploys come first in `/incident changes`.",
            CommandUsage.For("service"));
}
