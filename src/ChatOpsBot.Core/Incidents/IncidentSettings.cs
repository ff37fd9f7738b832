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

    /// <summary>
    /// Words the team uses for a severity ("p1" → SEV1), accepted where a severity is typed; keys are lower case.
    /// Empty by default: then "p1" is a look-alike and refused, never guessed.
    /// </summary>
    public IReadOnlyDictionary<string, Severity> SeverityAliases { get; init; } = new Dictionary<string, Severity>();

    /// <summary>Nothing on a timeline happened before this: an older time is a sender's bug (Go's zero time, year 2).</summary>
    public static readonly DateTimeOffset Epoch = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>How far in the future a sender's clock may be before its time is replaced by the receive time.</summary>
    public TimeSpan MaxClockSkew { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Whether a time a sender claims can be believed, received at <paramref name="now"/>.</summary>
    public bool IsBelievable(DateTimeOffset at, DateTimeOffset now) => at >= Epoch && at <= now + MaxClockSkew;

    /// <summary>
    /// A stored event as intake would have stamped it: one recorded before intake checked times (an older version
    /// stored an alert's year-2 startsAt as sent) is corrected on read, against when the store recorded it, and says
    /// so like any corrected time, so no duration derived from it is absurd and none is dropped silently.
    /// </summary>
    public IncidentEvent Believed(IncidentEvent e) =>
        e.RecordedAt == default || e.ClaimedOccurredAt is not null || IsBelievable(e.OccurredAt, e.RecordedAt)
            ? e
            : e with { OccurredAt = e.RecordedAt, ClaimedOccurredAt = e.OccurredAt };
}
