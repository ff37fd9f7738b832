using System.ComponentModel.DataAnnotations;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Reminders;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Reminders;

/// <summary>
/// Settings under "Reminders", bound as TimeSpans like every other option ("00:15:00", "2.00:00:00"); empty turns
/// that reminder off. A value that is not a TimeSpan stops the host with the binder's message, which names the key.
/// </summary>
public sealed class ReminderOptions
{
    public const string Section = "Reminders";

    public SeverityTimes StatusUpdate { get; set; } = new()
    {
        Sev1 = TimeSpan.FromMinutes(15), Sev2 = TimeSpan.FromMinutes(30), Sev3 = TimeSpan.FromHours(1), Sev4 = null,
    };

    public TimeSpan? MissingCommanderAfter { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan? MissingScribeAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Whole days are business days (Monday to Friday, UTC).</summary>
    public PostmortemTimes PostmortemDue { get; set; } = new()
    {
        Sev1 = TimeSpan.FromDays(2), Sev2 = TimeSpan.FromDays(2), Sev3 = TimeSpan.FromDays(5), Sev4 = TimeSpan.FromDays(5),
    };

    /// <summary>The safety net besides Quartz and pub/sub: how often every incident's reminders are planned again.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Reminders:SweepInterval must be a TimeSpan between 00:00:01 and 01:00:00.")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    public class SeverityTimes
    {
        public TimeSpan? Sev1 { get; set; }

        public TimeSpan? Sev2 { get; set; }

        public TimeSpan? Sev3 { get; set; }

        public TimeSpan? Sev4 { get; set; }

        public IEnumerable<(Severity Severity, string Key, TimeSpan? Value)> Entries(string section) =>
        [
            (Severity.Sev1, $"{section}:Sev1", Sev1),
            (Severity.Sev2, $"{section}:Sev2", Sev2),
            (Severity.Sev3, $"{section}:Sev3", Sev3),
            (Severity.Sev4, $"{section}:Sev4", Sev4),
        ];

        public Dictionary<Severity, TimeSpan> BySeverity() =>
            Entries("").Where(e => e.Value is not null).ToDictionary(e => e.Severity, e => e.Value!.Value);
    }

    public sealed class PostmortemTimes : SeverityTimes
    {
        /// <summary>How often an overdue postmortem is asked for again; empty: only once.</summary>
        public TimeSpan? RepeatEvery { get; set; } = TimeSpan.FromDays(1);
    }

    public ReminderSettings ToSettings() => new()
    {
        StatusUpdateEvery = StatusUpdate.BySeverity(),
        MissingCommanderAfter = MissingCommanderAfter,
        MissingScribeAfter = MissingScribeAfter,
        PostmortemDueAfter = PostmortemDue.BySeverity(),
        PostmortemRepeatEvery = PostmortemDue.RepeatEvery,
    };
}

/// <summary>Stops the host at start with a message that names each key whose interval is not positive.</summary>
internal sealed class ReminderOptionsValidator : IValidateOptions<ReminderOptions>
{
    private const string S = ReminderOptions.Section;

    public ValidateOptionsResult Validate(string? name, ReminderOptions options)
    {
        var failures = options.StatusUpdate.Entries($"{S}:StatusUpdate")
            .Concat(options.PostmortemDue.Entries($"{S}:PostmortemDue"))
            .Select(e => (e.Key, e.Value))
            .Append((Key: $"{S}:MissingCommanderAfter", Value: options.MissingCommanderAfter))
            .Append((Key: $"{S}:MissingScribeAfter", Value: options.MissingScribeAfter))
            .Append((Key: $"{S}:PostmortemDue:RepeatEvery", Value: options.PostmortemDue.RepeatEvery))
            .Where(e => e.Value <= TimeSpan.Zero)
            .Select(e => $"{e.Key} must be a positive TimeSpan like 00:15:00 or 2.00:00:00, or empty for none (was '{e.Value}').")
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
