using ChatOpsBot.Core.Alerts;
using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Core.Commands.Handling;

/// <summary>
/// Declaring an incident, typed or from an alert's triage prompt.
/// <paramref name="alerts"/> is null when alert intake is not set up; then <c>declare-alert</c> says so.
/// </summary>
internal sealed class DeclarationHandler(IncidentService incidents, AlertIntake? alerts)
{
    public async Task<CommandOutcome> DeclareAsync(DeclareCommand declare, ConversationRef conversation, EventContext context, CancellationToken cancellationToken) =>
        Replies.For(await incidents.DeclareAsync(new DeclareRequest(declare.Title, declare.Severity, declare.IsPrivate, Origin: conversation), context, cancellationToken),
            r => $"Declared {r.Incident.Key} ({r.Incident.Severity.Label()}): {r.Incident.Title}. You are the incident commander; the incident channel is opening.",
            CommandUsage.For("declare"));

    public async Task<CommandOutcome> DeclareFromAlertAsync(DeclareAlertCommand fromAlert, Actor actor, ConversationRef conversation, CancellationToken cancellationToken)
    {
        if (alerts is null)
        {
            return CommandOutcome.Error("Alert intake is not configured on this bot.", CommandUsage.For(fromAlert.Name));
        }

        return Replies.For(await alerts.DeclareFromPromptAsync(fromAlert.GroupKey, fromAlert.Severity, fromAlert.Title, actor, conversation, cancellationToken),
            r => $"Declared {r.Incident.Key} ({r.Incident.Severity.Label()}) from the alert: {r.Incident.Title}. You are the incident commander; the incident channel is opening.",
            CommandUsage.For(fromAlert.Name));
    }
}
