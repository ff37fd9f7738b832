using System.ComponentModel.DataAnnotations;
using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Incidents;

/// <summary>Settings under "Incidents".</summary>
public sealed class IncidentOptions : IValidatableObject
{
    public const string Section = "Incidents";

    /// <summary>Roles responders can hold; commander is always one of them.</summary>
    public List<string> Roles { get; set; } = [.. Core.Incidents.Roles.Defaults];

    [Range(10, 500)]
    public int MaxTitleLength { get; set; } = IncidentSettings.DefaultMaxTitleLength;

    [RegularExpression("(?i)^sev[1-4]$", ErrorMessage = "Incidents:DefaultSeverity must be sev1, sev2, sev3 or sev4.")]
    public string DefaultSeverity { get; set; } = "sev3";

    /// <summary>
    /// Words the team uses for a severity, e.g. <c>"p1": "sev1"</c>: accepted wherever a severity is typed. Without
    /// one, "p1" is refused as a look-alike. Checked at start.
    /// </summary>
    public Dictionary<string, string> SeverityAliases { get; set; } = [];

    public IncidentSettings ToSettings()
    {
        var severity = SeverityText.TryParse(DefaultSeverity, out var s) ? s : Severity.Sev3;
        var roles = Roles.Select(r => r.Trim().ToLowerInvariant()).Where(r => r.Length > 0).Distinct().ToList();
        if (!roles.Contains(Core.Incidents.Roles.Commander))
        {
            roles.Insert(0, Core.Incidents.Roles.Commander);
        }

        var aliases = SeverityAliases
            .Select(a => (Word: a.Key.Trim().ToLowerInvariant(), Parsed: SeverityText.TryParse(a.Value, out var level), Level: level))
            .Where(a => a.Parsed)
            .ToDictionary(a => a.Word, a => a.Level);
        return new IncidentSettings { Roles = roles, MaxTitleLength = MaxTitleLength, DefaultSeverity = severity, SeverityAliases = aliases };
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Roles.Any(r => !System.Text.RegularExpressions.Regex.IsMatch(r, "^[A-Za-z][A-Za-z0-9_-]{0,31}$")))
        {
            yield return new ValidationResult("Incidents:Roles entries are single words of letters, digits, '-' or '_'.", [nameof(Roles)]);
        }

        foreach (var (word, level) in SeverityAliases)
        {
            if (SeverityAliasError(word, level) is { } error)
            {
                yield return new ValidationResult(error, [nameof(SeverityAliases)]);
            }
        }
    }

    /// <summary>An alias is one word that is not already a severity or the declare command's "private", and names sev1..sev4.</summary>
    private static string? SeverityAliasError(string word, string level)
    {
        var key = $"Incidents:SeverityAliases:{word}";
        if (!System.Text.RegularExpressions.Regex.IsMatch(word, "^[A-Za-z][A-Za-z0-9_-]{0,15}$"))
        {
            return $"{key}: an alias is one word of letters, digits, '-' or '_' (at most 16), starting with a letter.";
        }

        if (SeverityText.TryParse(word, out _) || word.Equals("private", StringComparison.OrdinalIgnoreCase))
        {
            return $"{key}: \"{word}\" already means something where a severity is typed; choose another word.";
        }

        return SeverityText.TryParse(level, out _) ? null : $"{key} must be sev1, sev2, sev3 or sev4, not \"{level}\".";
    }
}
