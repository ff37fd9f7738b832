using System.Globalization;
using System.Text.Json;
using ChatOpsBot.Storage;

namespace ChatOpsBot.Console;

/// <summary>
/// Slack-like message timestamps, "1732600000.000123": whole seconds of the post time, then a six-digit
/// sequence within that second. Fixed width, so string order is time order. The Redis console script computes the
/// same thing in Lua (it must, to be atomic); keep the two in step.
/// </summary>
internal static class ConsoleTs
{
    public const int MaxSequence = 999_999;

    /// <summary>ConsoleMessage JSON: web defaults, as the brief and the console's own API use.</summary>
    public static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    /// <summary>The ts after <paramref name="last"/> for a message posted at <paramref name="postedAt"/>; never goes backwards.</summary>
    public static string Next(string? last, DateTimeOffset postedAt)
    {
        var seconds = Math.Max(0, postedAt.ToUnixTimeSeconds());
        var sequence = 1;
        if (last is not null)
        {
            var dot = last.IndexOf('.', StringComparison.Ordinal);
            var lastSeconds = long.Parse(last.AsSpan(0, dot), CultureInfo.InvariantCulture);
            var lastSequence = int.Parse(last.AsSpan(dot + 1), CultureInfo.InvariantCulture);
            if (lastSeconds >= seconds)
            {
                seconds = lastSeconds;
                sequence = lastSequence + 1;
                if (sequence > MaxSequence)
                {
                    // A second with a million messages borrows the next one rather than break the fixed width.
                    seconds++;
                    sequence = 1;
                }
            }
        }

        return string.Create(CultureInfo.InvariantCulture, $"{seconds:D10}.{sequence:D6}");
    }
}
