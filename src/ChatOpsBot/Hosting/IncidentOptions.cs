using System.ComponentModel.DataAnnotations;
using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Hosting;

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

    public IncidentSettings ToSettings()
    {
        var severity = SeverityText.TryParse(DefaultSeverity, out var s) ? s : Severity.Sev3;
        var roles = Roles.Select(r => r.Trim().ToLowerInvariant()).Where(r => r.Length > 0).Distinct().ToList();
        if (!roles.Contains(Core.Incidents.Roles.Commander))
        {
            roles.Insert(0, Core.Incidents.Roles.Commander);
        }

        return new IncidentSettings { Roles = roles, MaxTitleLength = MaxTitleLength, DefaultSeverity = severity };
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Roles.Any(r => !System.Text.RegularExpressions.Regex.IsMatch(r, "^[A-Za-z][A-Za-z0-9_-]{0,31}$")))
        {
            yield return new ValidationResult("Incidents:Roles entries are single words of letters, digits, '-' or '_'.", [nameof(Roles)]);
        }
    }
}
