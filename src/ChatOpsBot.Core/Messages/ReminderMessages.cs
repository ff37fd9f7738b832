using ChatOpsBot.Core.Commands;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Reminders;

namespace ChatOpsBot.Core.Messages;

/// <summary>What a reminder says in the incident channel, and the button that answers it.</summary>
public static class ReminderMessages
{
    public static ChatMessage For(Incident incident, DueReminder reminder, DateTimeOffset now)
    {
        var commander = incident.Commander is { } c && c.Id != Actor.Bot.Id ? ChatText.Mention(c) : ChatText.Here;
        return reminder.Kind switch
        {
            ReminderKind.StatusUpdate => StatusUpdate(incident, commander, now),
            ReminderKind.MissingCommander => new($"🧭 {incident.Key} has had no incident commander for {DurationText.Format(now - RoleGapSince(incident))}. Someone take it.")
            {
                Title = "No incident commander",
                Actions = [new("take-commander", "Take commander", $"/incident {incident.Key} commander {{me}}", IsPrimary: true)],
            },
            ReminderKind.MissingScribe => new($"📝 {commander}, {incident.Key} ({incident.Severity.Label()}) has no scribe. Assign one so the timeline keeps up.")
            {
                Title = "No scribe",
                Actions = [new("take-scribe", "Take scribe", $"/incident {incident.Key} scribe {{me}}", IsPrimary: true)],
            },
            ReminderKind.PostmortemDue => new($"📄 {commander}, the postmortem of {incident.Key} is due (resolved {DurationText.Format(now - (incident.ResolvedAt ?? now))} ago). Close the incident with {ChatText.Code("/incident close")} once it is written.")
            {
                Title = "Postmortem due",
            },
            ReminderKind.ActionItemDue => ActionItem(incident, reminder, commander),
            _ => new($"⏰ Reminder on {incident.Key}: {reminder.Kind.Describe(reminder.ActionItemNumber)}."),
        };
    }

    private static ChatMessage StatusUpdate(Incident incident, string commander, DateTimeOffset now)
    {
        var since = incident.LastStatusUpdateAt is { } last
            ? $"the last one was {DurationText.Format(now - last)} ago"
            : $"there has been none since it was declared {DurationText.Format(now - incident.DeclaredAt)} ago";
        return new($"⏰ {commander}, a status update on {incident.Key} is due: {since}.")
        {
            Title = "Status update due",
            Fields = [new("Severity", incident.Severity.Label()), new("Last update", incident.LastStatusUpdate is { } lastText ? ChatText.Inert(lastText) : "none")],
            Actions = [new("post-update", "Post update", $"/incident {incident.Key} update ", IsPrimary: true)],
        };
    }

    private static ChatMessage ActionItem(Incident incident, DueReminder reminder, string commander)
    {
        var item = incident.ActionItems.FirstOrDefault(i => i.Number == reminder.ActionItemNumber);
        var owner = item?.Owner is { } o ? ChatText.Mention(o) : commander;
        return new($"☑️ {owner}, action item #{reminder.ActionItemNumber} of {incident.Key} is due: {ChatText.Inert(item?.Text ?? "")}") { Title = "Action item due" };
    }

    // As ReminderPolicy counts it: since the last commander left ("commander none"), or since the bot took it.
    private static DateTimeOffset RoleGapSince(Incident incident) =>
        incident.RoleHistory.LastOrDefault(a => a.Role == Roles.Commander) is { } last ? last.RelievedAt ?? last.AssignedAt : incident.DeclaredAt;
}
