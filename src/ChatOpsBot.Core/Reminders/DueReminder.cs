namespace ChatOpsBot.Core.Reminders;

/// <summary>
/// One reminder the policy wants sent at <paramref name="DueAt"/>. (Incident, <see cref="Key"/>, due time) names it
/// exactly, so replicas that compute it independently agree on the claim they race for.
/// </summary>
public sealed record DueReminder(ReminderKind Kind, DateTimeOffset DueAt, int? ActionItemNumber = null)
{
    public string Key => KeyOf(Kind, ActionItemNumber);

    public static string KeyOf(ReminderKind kind, int? actionItemNumber) =>
        actionItemNumber is { } n ? $"{kind}:{n}" : kind.ToString();
}
