using System.Globalization;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Reminders;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Scheduling;

/// <summary>
/// Settings under "Reminders". Every value is a TimeSpan string ("00:15:00", "2.00:00:00"); empty turns that reminder
/// off. Kept as strings so a typo stops the host with a message naming the key rather than a binder exception.
/// </summary>
public sealed class ReminderOptions
{
    public const string Section = "Reminders";

    public SeverityTimes StatusUpdate { get; set; } = new() { Sev1 = "00:15:00", Sev2 = "00:30:00", Sev3 = "01:00:00", Sev4 = "" };

    public string? MissingCommanderAfter { get; set; } = "00:05:00";

    public string? MissingScribeAfter { get; set; } = "00:10:00";

    /// <summary>Whole days are business days (Monday to Friday, UTC).</summary>
    public PostmortemTimes PostmortemDue { get; set; } = new() { Sev1 = "2.00:00:00", Sev2 = "2.00:00:00", Sev3 = "5.00:00:00", Sev4 = "5.00:00:00" };

    /// <summary>The safety net besides Quartz and pub/sub: how often every incident's reminders are planned again.</summary>
    public string? SweepInterval { get; set; } = "00:00:30";

    public class SeverityTimes
    {
        public string? Sev1 { get; set; }

        public string? Sev2 { get; set; }

        public string? Sev3 { get; set; }

        public string? Sev4 { get; set; }

        public IEnumerable<(Severity Severity, string Key, string? Value)> Entries(string section) =>
        [
            (Severity.Sev1, $"{section}:Sev1", Sev1),
            (Severity.Sev2, $"{section}:Sev2", Sev2),
            (Severity.Sev3, $"{section}:Sev3", Sev3),
            (Severity.Sev4, $"{section}:Sev4", Sev4),
        ];
    }

    public sealed class PostmortemTimes : SeverityTimes
    {
        /// <summary>How often an overdue postmortem is asked for again; empty: only once.</summary>
        public string? RepeatEvery { get; set; } = "1.00:00:00";
    }

    public TimeSpan Sweep => Parse(SweepInterval) ?? TimeSpan.FromSeconds(30);

    public ReminderSettings ToSettings() => new()
    {
        StatusUpdateEvery = Times(StatusUpdate),
        MissingCommanderAfter = Parse(MissingCommanderAfter),
        MissingScribeAfter = Parse(MissingScribeAfter),
        PostmortemDueAfter = Times(PostmortemDue),
        PostmortemRepeatEvery = Parse(PostmortemDue.RepeatEvery),
    };

    /// <summary>Null for empty (off); a value that does not parse is caught by the validator before this runs.</summary>
    internal static TimeSpan? Parse(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : TimeSpan.Parse(value.Trim(), CultureInfo.InvariantCulture);

    private static Dictionary<Severity, TimeSpan> Times(SeverityTimes times) =>
        times.Entries("").Where(e => Parse(e.Value) is not null).ToDictionary(e => e.Severity, e => Parse(e.Value)!.Value);
}

/// <summary>Stops the host at start with a message that names each bad key.</summary>
internal sealed class ReminderOptionsValidator : IValidateOptions<ReminderOptions>
{
    private const string S = ReminderOptions.Section;

    public ValidateOptionsResult Validate(string? name, ReminderOptions options)
    {
        var failures = new List<string>();
        var entries = options.StatusUpdate.Entries($"{S}:StatusUpdate")
            .Concat(options.PostmortemDue.Entries($"{S}:PostmortemDue"))
            .Select(e => (e.Key, e.Value))
            .Append(($"{S}:MissingCommanderAfter", options.MissingCommanderAfter))
            .Append(($"{S}:MissingScribeAfter", options.MissingScribeAfter))
            .Append(($"{S}:PostmortemDue:RepeatEvery", options.PostmortemDue.RepeatEvery));
        foreach (var (key, value) in entries)
        {
            if (!string.IsNullOrWhiteSpace(value) && !IsPositive(value))
            {
                failures.Add($"{key} must be a positive TimeSpan like 00:15:00 or 2.00:00:00, or empty for none (was '{value}').");
            }
        }

        if (!IsPositive(options.SweepInterval) || ReminderOptions.Parse(options.SweepInterval) is not { } sweep
            || sweep < TimeSpan.FromSeconds(1) || sweep > TimeSpan.FromHours(1))
        {
            failures.Add($"{S}:SweepInterval must be a TimeSpan between 00:00:01 and 01:00:00 (was '{options.SweepInterval}').");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsPositive(string? value) =>
        TimeSpan.TryParse(value?.Trim(), CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero;
}
