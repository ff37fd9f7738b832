using ChatOpsBot.Core.Postmortems;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Web;

/// <summary>Settings under "Timeline": how exports and postmortems show time, and what the blameless review flags.</summary>
public sealed class TimelineOptions
{
    public const string Section = "Timeline";

    /// <summary>The team's reference time zone, an IANA name such as "Europe/Helsinki"; times are always also in UTC.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Replaces the built-in list of blaming and hindsight phrases when set (a trailing '*' matches word endings).</summary>
    public List<BlamelessPhrase>? BlamelessPhrases { get; set; }

    public TimeZoneInfo FindTimeZone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone.Trim());
}

internal sealed class TimelineOptionsValidator : IValidateOptions<TimelineOptions>
{
    public ValidateOptionsResult Validate(string? name, TimelineOptions options)
    {
        var failures = new List<string>();
        try
        {
            options.FindTimeZone();
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            failures.Add($"Timeline:TimeZone \"{options.TimeZone}\" is not a known time zone; use an IANA name such as \"Europe/Helsinki\" or \"UTC\".");
        }

        if (options.BlamelessPhrases?.Any(p => string.IsNullOrWhiteSpace(p.Phrase) || string.IsNullOrWhiteSpace(p.Hint)) == true)
        {
            failures.Add("Timeline:BlamelessPhrases entries need both a Phrase and a Hint.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
