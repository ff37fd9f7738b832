using ChatOpsBot.Core.Postmortems;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Web;

/// <summary>Settings under "Timeline": how exports and postmortems show time, and what the blameless review flags.</summary>
public sealed class TimelineOptions
{
    public const string Section = "Timeline";

    /// <summary>The team's reference time zone, an IANA name such as "Europe/Helsinki"; times are always also in UTC.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Phrases flagged in addition to the built-in review, each with its own hint (a trailing '*' matches word endings).</summary>
    public List<BlamelessPhrase>? BlamelessPhrases { get; set; }

    /// <summary>Words added to the built-in review's lists, by the part of a blaming sentence they play.</summary>
    public BlamelessWordsOptions BlamelessWords { get; set; } = new();

    /// <summary>The review these settings describe: the built-in lexicon plus what is configured.</summary>
    public BlamelessReview CreateBlamelessReview() =>
        new(BlamelessLexicon.Default.With(BlamelessWords.ToLexicon()), BlamelessPhrases ?? []);

    public TimeZoneInfo FindTimeZone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone.Trim());
}

/// <summary>"Timeline:BlamelessWords": additions to each list of <see cref="BlamelessLexicon"/>, in its phrase syntax.</summary>
public sealed class BlamelessWordsOptions
{
    public List<string> Roles { get; set; } = [];
    public List<string> BareRoles { get; set; } = [];
    public List<string> NotNames { get; set; } = [];
    public List<string> JudgementVerbs { get; set; } = [];
    public List<string> PersonVerbs { get; set; } = [];
    public List<string> LeftUndone { get; set; } = [];
    public List<string> FaultNouns { get; set; } = [];
    public List<string> Outcomes { get; set; } = [];
    public List<string> JudgementWords { get; set; } = [];
    public List<string> HindsightMarkers { get; set; } = [];
    public List<string> ErrorOwners { get; set; } = [];

    public BlamelessLexicon ToLexicon() => new()
    {
        Roles = Roles, BareRoles = BareRoles, NotNames = NotNames, JudgementVerbs = JudgementVerbs, PersonVerbs = PersonVerbs,
        LeftUndone = LeftUndone, FaultNouns = FaultNouns, Outcomes = Outcomes, JudgementWords = JudgementWords,
        HindsightMarkers = HindsightMarkers, ErrorOwners = ErrorOwners,
    };
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
