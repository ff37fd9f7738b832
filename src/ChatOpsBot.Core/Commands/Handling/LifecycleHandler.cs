using System.Text;
using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Core.Commands.Handling;

/// <summary>One incident's own course: roles, severity, status, updates and notes, resolving, closing, reopening, subscribing.</summary>
internal sealed class LifecycleHandler(IncidentService incidents)
{
    public CommandOutcome DescribeRoles(Incident incident)
    {
        var sb = new StringBuilder($"Roles on {incident.Key}:");
        foreach (var role in incidents.Settings.Roles)
        {
            sb.Append($"\n• {role}: {incident.Roles.GetValueOrDefault(role)?.Mention ?? "unassigned"}");
        }

        return CommandOutcome.Reply(sb.ToString(), incident.Number);
    }

    public Task<CommandOutcome> AssignRoleAsync(Incident incident, AssignRoleCommand r, EventContext context, CancellationToken cancellationToken) =>
        RunAsync(incident, i => i.AssignRole(r.Role, r.Assignee, incidents.Settings), context,
            res => $"{r.Assignee.Mention} is now {r.Role} of {res.Incident.Key}.",
            r.Role == Roles.Commander ? "commander" : r.Role == Roles.Scribe ? "scribe" : "role", cancellationToken);

    public Task<CommandOutcome> ChangeSeverityAsync(Incident incident, ChangeSeverityCommand s, EventContext context, CancellationToken cancellationToken) =>
        RunAsync(incident, i => i.ChangeSeverity(s.Severity), context, res => $"{res.Incident.Key} is now {s.Severity.Label()}.", "severity", cancellationToken);

    public Task<CommandOutcome> ChangeStatusAsync(Incident incident, ChangeStatusCommand s, EventContext context, CancellationToken cancellationToken) =>
        RunAsync(incident, i => i.ChangeStatus(s.Status), context, res => $"{res.Incident.Key} is now {s.Status.Label()}.", "status", cancellationToken);

    public Task<CommandOutcome> PostUpdateAsync(Incident incident, PostUpdateCommand u, EventContext context, CancellationToken cancellationToken) =>
        RunAsync(incident, i => i.PostStatusUpdate(u.Text, u.NextUpdateIn), context,
            res => $"Status update posted on {res.Incident.Key}.{(u.NextUpdateIn is { } next ? $" Next update due in {DurationText.Format(next)}." : "")}",
            "update", cancellationToken);

    public Task<CommandOutcome> AddNoteAsync(Incident incident, AddNoteCommand note, EventContext context, CancellationToken cancellationToken) =>
        RunAsync(incident, i => i.AddNote(note.Text), context, res => $"Noted on the {res.Incident.Key} timeline.", "note", cancellationToken);

    public Task<CommandOutcome> ResolveAsync(Incident incident, ResolveCommand r, EventContext context, CancellationToken cancellationToken) =>
        RunAsync(incident, i => i.Resolve(r.Summary), context,
            res => $"{res.Incident.Key} is resolved. Close it with `/incident close` once the follow-up is done.", "resolve", cancellationToken);

    public Task<CommandOutcome> CloseAsync(Incident incident, EventContext context, CancellationToken cancellationToken) =>
        RunAsync(incident, i => i.Close(), context, res => $"{res.Incident.Key} is closed.", "close", cancellationToken);

    public Task<CommandOutcome> ReopenAsync(Incident incident, EventContext context, CancellationToken cancellationToken) =>
        RunAsync(incident, i => i.Reopen(), context, res => $"{res.Incident.Key} is reopened and investigating.", "reopen", cancellationToken);

    public Task<CommandOutcome> SubscribeAsync(Incident incident, SubscribeCommand s, EventContext context, CancellationToken cancellationToken) =>
        s.Subscribe
            ? RunAsync(incident, i => i.Subscribe(context.Actor), context,
                res => $"You will get {res.Incident.Key}'s status updates by direct message. `/incident unsubscribe {res.Incident.Key}` stops them.", "subscribe", cancellationToken)
            : RunAsync(incident, i => i.Unsubscribe(context.Actor), context, res => $"You will no longer get {res.Incident.Key}'s updates.", "unsubscribe", cancellationToken);

    private async Task<CommandOutcome> RunAsync(Incident incident, Func<Incident, Decision> verb, EventContext context, Func<CommandResult, string> success,
        string usageOf, CancellationToken cancellationToken) =>
        Replies.For(await incidents.ExecuteAsync(incident.Number, verb, context, cancellationToken), success, CommandUsage.For(usageOf));
}
