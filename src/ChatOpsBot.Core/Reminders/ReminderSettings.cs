using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Core.Reminders;

/// <summary>
/// The cadence rules, as plain values so Core needs no Options package. A missing entry or a null means "no reminder".
/// </summary>
public sealed record ReminderSettings
{
    /// <summary>How often the commander is asked for a status update, per severity. SEV4 has none by default.</summary>
    public IReadOnlyDictionary<Severity, TimeSpan> StatusUpdateEvery { get; init; } = new Dictionary<Severity, TimeSpan>
    {
        [Severity.Sev1] = TimeSpan.FromMinutes(15),
        [Severity.Sev2] = TimeSpan.FromMinutes(30),
        [Severity.Sev3] = TimeSpan.FromMinutes(60),
    };

    /// <summary>How long an open incident may be without a commander before the channel is told.</summary>
    public TimeSpan? MissingCommanderAfter { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a SEV1/SEV2 may be without a scribe before the commander is told.</summary>
    public TimeSpan? MissingScribeAfter { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Time from resolve to postmortem due, per severity. Whole days count business days (Monday to Friday, UTC),
    /// the rest is added as is, so tests can use seconds.
    /// </summary>
    public IReadOnlyDictionary<Severity, TimeSpan> PostmortemDueAfter { get; init; } = new Dictionary<Severity, TimeSpan>
    {
        [Severity.Sev1] = TimeSpan.FromDays(2),
        [Severity.Sev2] = TimeSpan.FromDays(2),
        [Severity.Sev3] = TimeSpan.FromDays(5),
        [Severity.Sev4] = TimeSpan.FromDays(5),
    };

    /// <summary>How often an overdue postmortem is asked for again until the incident is closed; null: once.</summary>
    public TimeSpan? PostmortemRepeatEvery { get; init; } = TimeSpan.FromDays(1);

    public TimeSpan? StatusUpdateInterval(Severity severity) =>
        StatusUpdateEvery.TryGetValue(severity, out var every) ? every : null;

    public TimeSpan? PostmortemDue(Severity severity) =>
        PostmortemDueAfter.TryGetValue(severity, out var after) ? after : null;
}
