namespace ChatOpsBot.Core.Incidents;

/// <summary>
/// Where timelines live. One small contract with Redis and SQLite behind it; both pass the same contract tests.
/// </summary>
public interface IIncidentStore
{
    /// <summary>Hands out INC numbers: 1, 2, 3... never the same one twice, across replicas.</summary>
    Task<int> AllocateNumberAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Appends <paramref name="events"/> if the incident's timeline is still at <paramref name="expectedVersion"/>
    /// (0 for a new incident); otherwise appends nothing and reports the current version.
    /// The store assigns each event's <see cref="IncidentEvent.Version"/> and <see cref="IncidentEvent.RecordedAt"/>.
    /// Every distinct <see cref="IncidentEvent.RequestKey"/> among the events is recorded in the same append; if any of
    /// them was recorded before (for at least <see cref="RecordedRequest.Retention"/>), nothing is appended and
    /// <see cref="AppendResult.Duplicates"/> says where each earlier one landed.
    /// </summary>
    Task<AppendResult> AppendAsync(int incidentNumber, long expectedVersion, IReadOnlyList<IncidentEvent> events, CancellationToken cancellationToken);

    /// <summary>
    /// Declares: hands out the next INC number and appends <paramref name="events"/> as that incident's first versions,
    /// in one step, so a new incident costs the store one round trip. Request keys are checked first, as in
    /// <see cref="AppendAsync"/>: if any was recorded before, no number is spent, nothing is appended and
    /// <see cref="AppendResult.Duplicates"/> says where the earlier one landed. The number is on every appended event.
    /// Stores that cannot do it in one step (test doubles) check the keys, allocate, then append.
    /// </summary>
    async Task<AppendResult> AppendNewIncidentAsync(IReadOnlyList<IncidentEvent> events, CancellationToken cancellationToken)
    {
        var duplicates = new List<RecordedRequest>();
        foreach (var key in events.Select(e => e.RequestKey).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            if (await FindRequestAsync(key, cancellationToken) is { } earlier)
            {
                duplicates.Add(earlier);
            }
        }

        if (duplicates.Count > 0)
        {
            return AppendResult.Duplicate(0, duplicates);
        }

        var number = await AllocateNumberAsync(cancellationToken);
        return await AppendAsync(number, 0, [.. events.Select(e => e with { IncidentNumber = number })], cancellationToken);
    }

    /// <summary>
    /// Several declarations (<see cref="AppendNewIncidentAsync"/>) in one step, each with its own number and result, in
    /// order: what a burst of declarations queued meanwhile costs one round trip for all of them.
    /// </summary>
    async Task<IReadOnlyList<AppendResult>> AppendNewIncidentsAsync(IReadOnlyList<IReadOnlyList<IncidentEvent>> declarations, CancellationToken cancellationToken)
    {
        var results = new List<AppendResult>(declarations.Count);
        foreach (var events in declarations)
        {
            results.Add(await AppendNewIncidentAsync(events, cancellationToken));
        }

        return results;
    }

    /// <summary>Where the request with this key was recorded, or null if no append carried it (within the retention).</summary>
    Task<RecordedRequest?> FindRequestAsync(string requestKey, CancellationToken cancellationToken);

    /// <summary>The incident's events with a version greater than <paramref name="afterVersion"/>, oldest first.</summary>
    Task<IReadOnlyList<IncidentEvent>> ReadAsync(int incidentNumber, long afterVersion, CancellationToken cancellationToken);

    /// <summary>Every incident number that has at least one event, ascending.</summary>
    Task<IReadOnlyList<int>> ListIncidentNumbersAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Atomically claims <paramref name="key"/> for <paramref name="ttl"/>. True for exactly one caller until it expires:
    /// de-duplicates retried webhooks and makes a reminder fire once across replicas.
    /// </summary>
    Task<bool> TryClaimAsync(string key, TimeSpan ttl, CancellationToken cancellationToken);

    /// <summary>Gives a claim up before it expires, so work that failed can be retried at once.</summary>
    Task ReleaseClaimAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Saves how <paramref name="platform"/> reaches a conversation or a person (on Teams: the serviceUrl, the
    /// conversation id and the tenant), under <paramref name="key"/>; a later save replaces it. The reference is opaque
    /// to the store. Kept here rather than in a replica's memory so another replica, or this one after a restart, can
    /// still post there and send direct messages.
    /// </summary>
    Task SaveConversationReferenceAsync(string platform, string key, string reference, CancellationToken cancellationToken);

    /// <summary>The reference last saved under <paramref name="platform"/> and <paramref name="key"/>, or null.</summary>
    Task<string?> FindConversationReferenceAsync(string platform, string key, CancellationToken cancellationToken);

    /// <summary>
    /// Extends a live claim to expire <paramref name="ttl"/> from now; false (and nothing changes) if it has already
    /// expired or been released. Lets a lease be short, so a dead holder blocks the work only briefly, while a live
    /// holder keeps it for as long as the work takes.
    /// </summary>
    Task<bool> RenewClaimAsync(string key, TimeSpan ttl, CancellationToken cancellationToken);

    /// <summary>
    /// The newest incident an append linked to the alert group (an <see cref="AlertGroupLinked"/> event), or null: an
    /// index, so an alert storm's first notification of a group need not look at every incident. A hint the caller
    /// checks against the incident's state (Redis records it just before the append, which may then fail). Stores
    /// without an index (test doubles) fall back to reading every timeline.
    /// </summary>
    async Task<int?> FindAlertGroupAsync(string groupKey, CancellationToken cancellationToken)
    {
        int? newest = null;
        foreach (var number in await ListIncidentNumbersAsync(cancellationToken))
        {
            if ((await ReadAsync(number, 0, cancellationToken)).OfType<AlertGroupLinked>().Any(g => g.GroupKey == groupKey))
            {
                newest = number;
            }
        }

        return newest;
    }
}

public sealed record AppendResult(bool Succeeded, long CurrentVersion, IReadOnlyList<IncidentEvent> Appended)
{
    /// <summary>The request keys that were recorded before; when any, nothing was appended.</summary>
    public IReadOnlyList<RecordedRequest> Duplicates { get; init; } = [];

    public static AppendResult Conflict(long currentVersion) => new(false, currentVersion, []);

    public static AppendResult Duplicate(long currentVersion, IReadOnlyList<RecordedRequest> duplicates) =>
        new(false, currentVersion, []) { Duplicates = duplicates };
}
