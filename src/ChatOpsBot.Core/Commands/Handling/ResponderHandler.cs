using System.Text;
using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Core.Commands.Handling;

/// <summary>
/// Leaving roles and managing action items: the replies confirm what was understood, due dates spelled out.
/// <paramref name="zone"/> is the team's zone (Timeline:TimeZone), in which "friday" is a time and due dates are shown.
/// </summary>
internal sealed class ResponderHandler(IncidentService incidents, TimeProvider clock, TimeZoneInfo zone)
{
    public async Task<CommandOutcome> ClearRoleAsync(Incident incident, ClearRoleCommand clear, EventContext context, CancellationToken cancellationToken) =>
        Replies.For(await incidents.ExecuteAsync(incident.Number, i => i.ClearRole(clear.Role, incidents.Settings), context, cancellationToken),
            res => res.Appended.OfType<RoleCleared>().FirstOrDefault() is not { } cleared
                ? $"Nobody is {clear.Role} of {res.Incident.Key} now."
                : cleared.Role == Roles.Commander
                    ? $"{cleared.Previous.Mention} is no longer commander of {res.Incident.Key}; nobody leads it now. Take it with `/incident commander @you`."
                    : $"{cleared.Previous.Mention} is no longer {cleared.Role} of {res.Incident.Key}; nobody is.",
            CommandUsage.For(clear.Role is Roles.Commander or Roles.Scribe ? clear.Role : "role"));

    public async Task<CommandOutcome> AddActionItemAsync(Incident incident, AddActionItemCommand add, EventContext context, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return Replies.For(await incidents.ExecuteAsync(incident.Number, i => i.AddActionItem(add.Text, add.Owner, add.DueIn), context, cancellationToken),
            res => Added(res.Incident, add.DueIn is { } due ? $" Due in {DurationText.Format(due)}: {DueText.Describe(now + due, zone)}." : ""),
            CommandUsage.For("action"));
    }

    public async Task<CommandOutcome> AddDatedActionItemAsync(Incident incident, AddDatedActionItemCommand dated, EventContext context, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (!dated.Due.TryResolve(now, zone, out var dueAt, out var error))
        {
            return CommandOutcome.Error($"{error} Nothing was added.", CommandUsage.For("action"));
        }

        return Replies.For(await incidents.ExecuteAsync(incident.Number, i => i.AddActionItem(dated.Text, dated.Owner, dueAt, now), context, cancellationToken),
            res => Added(res.Incident, $" Due {DueText.Describe(dueAt, zone)}."), CommandUsage.For("action"));
    }

    public CommandOutcome ListActionItems(Incident incident)
    {
        var now = clock.GetUtcNow();
        var items = incident.ActionItems;
        if (items.Count == 0)
        {
            return CommandOutcome.Reply($"{incident.Key} has no action items. Add one: `/incident action <text> [@owner] [due <when>]`.", incident.Number);
        }

        var done = items.Count(i => i.IsDone);
        var overdue = items.Count(i => i.IsOverdue(now));
        var sb = new StringBuilder($"Action items of {incident.Key}: {items.Count - done} open, {done} done{(overdue > 0 ? $", {overdue} overdue" : "")}");
        foreach (var item in items)
        {
            sb.Append($"\n• #{item.Number} {(item.IsDone ? "✅ done" : item.IsOverdue(now) ? "⏰ overdue" : "☐ open")} · {item.Text}")
                .Append($" · {item.Owner?.Mention ?? "no owner"}")
                .Append(item.DueAt is { } due ? $" · due {DueText.Describe(due, zone)}" : " · no due date");
        }

        return CommandOutcome.Reply(sb.ToString(), incident.Number);
    }

    public async Task<CommandOutcome> ChangeActionItemAsync(Incident incident, ChangeActionItemCommand change, EventContext context, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var usage = CommandUsage.For(change.Name);
        var n = change.ItemNumber;
        DateTimeOffset dueAt = default;
        if (change.Due is { } due && !due.TryResolve(now, zone, out dueAt, out var error))
        {
            return CommandOutcome.Error($"{error} Nothing was changed.", usage);
        }

        Func<Incident, Decision> decide = change.Verb switch
        {
            ActionItemVerb.Done => i => i.MarkActionItemDone(n),
            ActionItemVerb.Reopen => i => i.ReopenActionItem(n),
            ActionItemVerb.Owner => i => i.ChangeActionItemOwner(n, change.Owner),
            _ => i => i.ChangeActionItemDue(n, dueAt, now),
        };
        return Replies.For(await incidents.ExecuteAsync(incident.Number, decide, context, cancellationToken), res =>
        {
            var item = res.Incident.ActionItems[n - 1];
            return change.Verb switch
            {
                ActionItemVerb.Done => $"✅ Action item #{n} of {res.Incident.Key} is done: {item.Text}",
                ActionItemVerb.Reopen => $"Action item #{n} of {res.Incident.Key} is open again: {item.Text}",
                ActionItemVerb.Owner => item.Owner is { } owner ? $"{owner.Mention} now owns action item #{n} of {res.Incident.Key}." : $"Action item #{n} of {res.Incident.Key} has no owner now.",
                _ => $"Action item #{n} of {res.Incident.Key} is now due {DueText.Describe(dueAt, zone)}.",
            };
        }, usage);
    }

    private static string Added(Incident incident, string due)
    {
        var item = incident.ActionItems[^1];
        return $"Action item #{item.Number} added to {incident.Key}{(item.Owner is { } o ? $", owned by {o.Mention}" : "")}.{due}";
    }
}
