using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Incidents;

/// <summary>
/// Optional per-severity overrides of a platform's stakeholder channel ("StakeholderChannels:Sev1"). Named properties
/// rather than a dictionary keyed by the enum, so a misspelt key is simply unbound instead of a binder exception.
/// </summary>
public sealed class SeverityChannels
{
    public string? Sev1 { get; set; }

    public string? Sev2 { get; set; }

    public string? Sev3 { get; set; }

    public string? Sev4 { get; set; }

    /// <summary>The override for <paramref name="severity"/>, or <paramref name="fallback"/> when there is none.</summary>
    public string For(Severity severity, string fallback) =>
        Entries().FirstOrDefault(e => e.Severity == severity).Channel is { Length: > 0 } channel ? channel.Trim() : fallback;

    /// <summary>The overrides that are set, for validation and for creating console channels.</summary>
    public IEnumerable<(Severity Severity, string Channel)> Configured() =>
        Entries().Where(e => !string.IsNullOrWhiteSpace(e.Channel)).Select(e => (e.Severity, e.Channel!.Trim()));

    private (Severity Severity, string? Channel)[] Entries() =>
        [(Severity.Sev1, Sev1), (Severity.Sev2, Sev2), (Severity.Sev3, Sev3), (Severity.Sev4, Sev4)];
}
