using System.Globalization;
using System.Text.RegularExpressions;

namespace ChatOpsBot.Core.Commands;

/// <summary>Durations as people type them in chat: 30s, 10m, 2h, 1h30m, 2d.</summary>
public static partial class DurationText
{
    public const string Examples = "10m, 1h or 1h30m";

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says why, in words for the person who typed it.</summary>
    public static bool TryParse(string text, out TimeSpan duration, out string? error)
    {
        duration = default;
        var t = text.Trim();
        if (t.StartsWith('-'))
        {
            error = $"\"{t}\" is negative; give a duration from now, like {Examples}.";
            return false;
        }

        var match = Pattern().Match(t);
        if (t.Length == 0 || !match.Success)
        {
            error = $"\"{t}\" is not a duration; write it like {Examples}.";
            return false;
        }

        duration = TimeSpan.FromDays(Part(match, "d")) + TimeSpan.FromHours(Part(match, "h"))
            + TimeSpan.FromMinutes(Part(match, "m")) + TimeSpan.FromSeconds(Part(match, "s"));
        if (duration <= TimeSpan.Zero)
        {
            error = $"\"{t}\" is no time at all; give a duration like {Examples}.";
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>Short and readable, for replies and reminders: "45 s", "15 min", "1 h 5 min", "2 d 3 h".</summary>
    public static string Format(TimeSpan span)
    {
        var d = Math.Max(0, span.Days);
        var h = Math.Max(0, span.Hours);
        var m = Math.Max(0, span.Minutes);
        return span < TimeSpan.FromMinutes(1) ? $"{Math.Max(0, (int)span.TotalSeconds)} s"
            : span < TimeSpan.FromHours(1) ? $"{m} min"
            : span < TimeSpan.FromDays(1) ? (m == 0 ? $"{h} h" : $"{h} h {m} min")
            : h == 0 ? $"{d} d" : $"{d} d {h} h";
    }

    private static int Part(Match match, string unit) =>
        match.Groups[unit].Success ? int.Parse(match.Groups[unit].Value, CultureInfo.InvariantCulture) : 0;

    // Each part at most 5 digits, so no input can overflow a TimeSpan.
    [GeneratedRegex(@"^\+?(?=\d)(?:(?<d>\d{1,5})d)?(?:(?<h>\d{1,5})h)?(?:(?<m>\d{1,5})m(?:in)?)?(?:(?<s>\d{1,5})s)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}
