using System.Globalization;
using ChatOpsBot.Core.Timeline;

namespace ChatOpsBot.Core.Commands;

/// <summary>
/// When an action item is due, as typed after "due": a duration from now (2d, 36h), a weekday (friday), today,
/// tomorrow, or an ISO date (2026-12-10). A day means the end of that day in the team's time zone
/// (Timeline:TimeZone): "due friday" is overdue once Friday is over there. A weekday is the next such day,
/// today included. The parser only reads the words; <see cref="Resolve"/> needs the clock and the zone.
/// </summary>
public abstract record DueText(string Typed)
{
    public const string Examples = "2d, 36h, friday, tomorrow or 2026-12-10";

    public static readonly TimeSpan MaxAhead = TimeSpan.FromDays(365);

    public sealed record After(string Text, TimeSpan Span) : DueText(Text);

    public sealed record OnDay(string Text, DayOfWeek? Weekday, int? DaysFromToday, DateOnly? Date) : DueText(Text);

    public static bool TryParse(string token, out DueText due, out string? error)
    {
        var t = token.Trim();
        var lower = t.ToLowerInvariant();
        due = null!;
        error = null;
        if (lower is "today" or "tomorrow")
        {
            due = new OnDay(t, null, lower == "today" ? 0 : 1, null);
            return true;
        }

        if (WeekdayOf(lower) is { } day)
        {
            due = new OnDay(t, day, null, null);
            return true;
        }

        if (DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            due = new OnDay(t, null, null, date);
            return true;
        }

        // "2026-13-01" is a date gone wrong, not a duration.
        if (t.Length > 0 && (char.IsAsciiDigit(t[0]) || t[0] is '-' or '+') && !(t.Length >= 8 && t.Count(c => c == '-') == 2))
        {
            if (DurationText.TryParse(t, out var span, out var durationError))
            {
                due = new After(t, span);
                return true;
            }

            error = $"{durationError} A due date can also be a day: friday, tomorrow or 2026-12-10.";
            return false;
        }

        error = $"\"{t}\" is not a due date; write it like {Examples}.";
        return false;
    }

    /// <summary>The moment the item is due, or why it cannot be: in the past, or more than a year away.</summary>
    public bool TryResolve(DateTimeOffset now, TimeZoneInfo zone, out DateTimeOffset dueAt, out string? error)
    {
        dueAt = Resolve(now, zone);
        error = dueAt <= now ? $"\"{Typed}\" is in the past; an action item is due later than now."
            : dueAt - now > MaxAhead ? $"\"{Typed}\" is more than 365 days away; keep action items within a year."
            : null;
        return error is null;
    }

    public DateTimeOffset Resolve(DateTimeOffset now, TimeZoneInfo zone)
    {
        if (this is After after)
        {
            return now + after.Span;
        }

        var on = (OnDay)this;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var day = on.Date
            ?? (on.Weekday is { } w ? today.AddDays(((int)w - (int)today.DayOfWeek + 7) % 7) : today.AddDays(on.DaysFromToday ?? 0));
        return EndOfDay(day, zone);
    }

    /// <summary>The last second of <paramref name="day"/> in <paramref name="zone"/>, as a UTC instant.</summary>
    public static DateTimeOffset EndOfDay(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(new TimeOnly(23, 59, 59), DateTimeKind.Unspecified);
        // A zone whose clocks jump over midnight's last second (rare) still yields a valid instant.
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(-30);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>How a reply confirms what was understood: "Fri 2026-12-04 23:59 Europe/Helsinki (21:59 UTC)".</summary>
    public static string Describe(DateTimeOffset dueAt, TimeZoneInfo zone)
    {
        var utc = TimeText.Utc(dueAt);
        if (zone == TimeZoneInfo.Utc || zone.Id is "UTC" or "Etc/UTC")
        {
            return dueAt.ToUniversalTime().ToString("ddd yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        }

        var local = TimeZoneInfo.ConvertTime(dueAt, zone);
        return $"{local.ToString("ddd yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} {zone.Id} ({utc})";
    }

    private static DayOfWeek? WeekdayOf(string lower) => lower switch
    {
        "monday" or "mon" => DayOfWeek.Monday,
        "tuesday" or "tue" => DayOfWeek.Tuesday,
        "wednesday" or "wed" => DayOfWeek.Wednesday,
        "thursday" or "thu" => DayOfWeek.Thursday,
        "friday" or "fri" => DayOfWeek.Friday,
        "saturday" or "sat" => DayOfWeek.Saturday,
        "sunday" or "sun" => DayOfWeek.Sunday,
        _ => null,
    };
}
