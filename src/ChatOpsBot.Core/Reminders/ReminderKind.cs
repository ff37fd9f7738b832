namespace ChatOpsBot.Core.Reminders;

/// <summary>What a reminder is about. Stored by name on the timeline, so renaming a member is a breaking change.</summary>
public enum ReminderKind
{
    StatusUpdate = 1,
    MissingCommander = 2,
    MissingScribe = 3,
    PostmortemDue = 4,
    ActionItemDue = 5,
}

public static class ReminderKindText
{
    public static string Describe(this ReminderKind kind, int? actionItemNumber = null) => kind switch
    {
        ReminderKind.StatusUpdate => "status update due",
        ReminderKind.MissingCommander => "no incident commander",
        ReminderKind.MissingScribe => "no scribe",
        ReminderKind.PostmortemDue => "postmortem due",
        ReminderKind.ActionItemDue => $"action item #{actionItemNumber} due",
        _ => kind.ToString(),
    };
}
