using System.Globalization;
using System.Text;

namespace ChatOpsBot.Core.Messages;

/// <summary>Incident channel names within Slack's rules: lowercase letters, digits, '-' and '_', at most 80 characters.</summary>
public static class ChannelNames
{
    public const int MaxLength = 80;

    public static string ForIncident(int number, string title)
    {
        var prefix = $"inc-{number}-";
        var slug = Slug(title, MaxLength - prefix.Length);
        return slug.Length == 0 ? $"inc-{number}" : prefix + slug;
    }

    /// <summary>Appends "-2", "-3"... when the name is taken, trimming so the result still fits.</summary>
    public static string WithSuffix(string name, int attempt)
    {
        var suffix = $"-{attempt}";
        return (name.Length + suffix.Length > MaxLength ? name[..(MaxLength - suffix.Length)].TrimEnd('-') : name) + suffix;
    }

    public static string Slug(string text, int maxLength)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue; // "é" -> "e"
            }

            var lower = char.ToLowerInvariant(c);
            if (lower is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_')
            {
                sb.Append(lower);
            }
            else if (sb.Length > 0 && sb[^1] != '-')
            {
                sb.Append('-');
            }
        }

        var slug = sb.ToString();
        if (slug.Length > maxLength)
        {
            slug = slug[..maxLength];
        }

        return slug.Trim('-');
    }
}
