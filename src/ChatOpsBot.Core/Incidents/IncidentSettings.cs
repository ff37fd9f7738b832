namespace ChatOpsBot.Core.Incidents;

/// <summary>The rules the domain needs from configuration. Plain values so Core needs no Options package.</summary>
public sealed record IncidentSettings
{
    public const int DefaultMaxTitleLength = 150;
    public const int MaxTextLength = 4000;

    /// <summary>The roles responders can hold. Commander always exists, because declaring assigns it.</summary>
    public IReadOnlyList<string> Roles { get; init; } = Incidents.Roles.Defaults;

    public int MaxTitleLength { get; init; } = DefaultMaxTitleLength;

    public Severity DefaultSeverity { get; init; } = Severity.Sev3;

    public bool IsKnownRole(string role) =>
        role.Equals(Incidents.Roles.Commander, StringComparison.OrdinalIgnoreCase)
        || Roles.Any(r => r.Equals(role, StringComparison.OrdinalIgnoreCase));
}
