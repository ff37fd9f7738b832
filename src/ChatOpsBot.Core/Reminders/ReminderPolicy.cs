using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Core.Reminders;

/// <summary>
/// Which reminders an incident is owed, from its state alone (the store is the truth, Quartz only the
/// timer). Pure: every replica computes the same due times from the same events, which is what makes the
/// claim-once key (incident, kind, due time) name the same reminder everywhere.
/// </summary>
public static class ReminderPolicy
{
    /// <summary>The next reminder of each kind, due now (at or before <paramref name="now"/>) or later.</summary>
    public static IReadOnlyList<DueReminder> Upcoming(Incident incident, ReminderSettings settings, DateTimeOffset now)
    {
        if (!incident.Exists)
        {
            return [];
        }

        var upcoming = new List<DueReminder>();
        Add(upcoming, ReminderKind.StatusUpdate, StatusUpdate(incident, settings, now));
        Add(upcoming, ReminderKind.MissingCommander, MissingCommander(incident, settings, now));
        Add(upcoming, ReminderKind.MissingScribe, MissingScribe(incident, settings, now));
        Add(upcoming, ReminderKind.PostmortemDue, Postmortem(incident, settings, now));
        foreach (var item in incident.ActionItems)
        {
            // Each open item with a due date is nudged once, even after close (follow-ups outlive the incident); a done
            // one never is, and a new due date is a new nudge.
            if (item.DueAt is { } dueAt && !item.IsDone)
            {
                Add(upcoming, ReminderKind.ActionItemDue, Next(dueAt, null, LastSent(incident, ReminderKind.ActionItemDue, item.Number), now), item.Number);
            }
        }

        return upcoming;
    }

    /// <summary>The reminders to send now. A window missed while no host ran yields one each, never a burst.</summary>
    public static IReadOnlyList<DueReminder> DueNow(Incident incident, ReminderSettings settings, DateTimeOffset now) =>
        Upcoming(incident, settings, now).Where(r => r.DueAt <= now).ToList();

    /// <summary>When the incident next needs attention; null when it is owed no reminder at all.</summary>
    public static DateTimeOffset? NextWakeUp(Incident incident, ReminderSettings settings, DateTimeOffset now) =>
        Upcoming(incident, settings, now).Select(r => (DateTimeOffset?)r.DueAt).Min();

    /// <summary>When the next stakeholder update is owed, whatever reminders went out meanwhile; null when none is.</summary>
    public static DateTimeOffset? StatusUpdateDueAt(Incident incident, ReminderSettings settings)
    {
        // "update next 10m" wins for the round it starts; the severity's cadence applies after that.
        var first = incident.NextUpdateIn ?? settings.StatusUpdateInterval(incident.Severity);
        return incident.Status.IsOpen() && first is { } wait ? (incident.LastStatusUpdateAt ?? incident.DeclaredAt) + wait : null;
    }

    private static DateTimeOffset? StatusUpdate(Incident incident, ReminderSettings settings, DateTimeOffset now) =>
        StatusUpdateDueAt(incident, settings) is { } due
            ? Next(due, settings.StatusUpdateInterval(incident.Severity), LastSent(incident, ReminderKind.StatusUpdate), now)
            : null;

    private static DateTimeOffset? MissingCommander(Incident incident, ReminderSettings settings, DateTimeOffset now)
    {
        if (settings.MissingCommanderAfter is not { } after || !incident.Status.IsOpen() || HasCommander(incident))
        {
            return null;
        }

        // The gap starts when the role was last handed to nobody real (an alert declared it) or left empty
        // ("commander none"), else at declaration.
        var since = RoleGapSince(incident, Roles.Commander);
        return Next(since + after, null, LastSent(incident, ReminderKind.MissingCommander), now);
    }

    private static DateTimeOffset? MissingScribe(Incident incident, ReminderSettings settings, DateTimeOffset now) =>
        settings.MissingScribeAfter is { } after && incident.Status.IsOpen() && incident.Severity <= Severity.Sev2 && incident.Scribe is null
            ? Next(RoleGapSince(incident, Roles.Scribe) + after, null, LastSent(incident, ReminderKind.MissingScribe), now)
            : null;

    /// <summary>When the role last became empty (or went to the bot): its last stint's end, or its start when the bot holds it.</summary>
    private static DateTimeOffset RoleGapSince(Incident incident, string role) =>
        incident.RoleHistory.LastOrDefault(a => a.Role == role) is { } last ? last.RelievedAt ?? last.AssignedAt : incident.DeclaredAt;

    private static DateTimeOffset? Postmortem(Incident incident, ReminderSettings settings, DateTimeOffset now) =>
        incident.Status == IncidentStatus.Resolved && incident.ResolvedAt is { } resolvedAt && settings.PostmortemDue(incident.Severity) is { } after
            ? Next(BusinessDays.Add(resolvedAt, after), settings.PostmortemRepeatEvery, LastSent(incident, ReminderKind.PostmortemDue), now)
            : null;

    /// <summary>
    /// The due times are first, first + every, first + 2·every...; the one owed is the latest that has passed, unless
    /// it was already sent, in which case it is the next one. So a host that was down for an hour sends one
    /// catch-up reminder (for the latest window) and then keeps the rhythm, instead of one per missed window.
    /// </summary>
    internal static DateTimeOffset? Next(DateTimeOffset first, TimeSpan? every, DateTimeOffset? lastSent, DateTimeOffset now)
    {
        if (every is not { Ticks: > 0 } step)
        {
            return lastSent >= first ? null : first;
        }

        if (now < first)
        {
            // Only another replica's clock running ahead can have sent it already.
            return lastSent >= first ? lastSent.Value + step : first;
        }

        var latest = first + TimeSpan.FromTicks((now - first).Ticks / step.Ticks * step.Ticks);
        return lastSent is null || lastSent < latest ? latest : latest + step;
    }

    private static bool HasCommander(Incident incident) => incident.Commander is { } c && c.Id != Actor.Bot.Id;

    private static DateTimeOffset? LastSent(Incident incident, ReminderKind kind, int? actionItemNumber = null) =>
        incident.RemindersSent.TryGetValue(DueReminder.KeyOf(kind, actionItemNumber), out var at) ? at : null;

    private static void Add(List<DueReminder> upcoming, ReminderKind kind, DateTimeOffset? dueAt, int? actionItemNumber = null)
    {
        if (dueAt is { } at)
        {
            upcoming.Add(new DueReminder(kind, at, actionItemNumber));
        }
    }
}
