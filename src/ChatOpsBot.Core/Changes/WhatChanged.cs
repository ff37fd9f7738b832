using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Core.Changes;

/// <summary>How far back "what changed?" looks.</summary>
public sealed record ChangeSettings(TimeSpan Lookback)
{
    public static readonly ChangeSettings Default = new(TimeSpan.FromHours(4));
}

/// <summary>The deploys before an incident: those to its services first, then the rest, each newest first.</summary>
public sealed record RecentChanges(TimeSpan Lookback, IReadOnlyList<Change> ToAffectedServices, IReadOnlyList<Change> Others)
{
    public IEnumerable<Change> All => ToAffectedServices.Concat(Others);

    public int Count => ToAffectedServices.Count + Others.Count;
}

/// <summary>
/// Answers "what changed?" for an incident from the stored deploys, and resolves what responders type in
/// <c>/incident change</c> to a stored deploy.
/// </summary>
public sealed class WhatChanged(IChangeStore store, ChangeSettings settings, TimeProvider clock)
{
    public ChangeSettings Settings => settings;

    /// <summary>The deploys finished in the look-back before the incident was declared (or before now, for a late question).</summary>
    public async Task<RecentChanges> ForAsync(Incident incident, CancellationToken cancellationToken)
    {
        var until = incident.Exists ? incident.DeclaredAt : clock.GetUtcNow();
        // Include deploys that finished while the incident was open too: they may be the attempted fix, or the cause found late.
        var to = incident.ResolvedAt ?? clock.GetUtcNow();
        var changes = await store.ListAsync(until - settings.Lookback, to < until ? until : to, cancellationToken);
        return Order(changes, incident.AffectedServices, settings.Lookback);
    }

    public static RecentChanges Order(IEnumerable<Change> changes, IReadOnlyList<string> services, TimeSpan lookback)
    {
        var newestFirst = changes.OrderByDescending(c => c.FinishedAt).ToList();
        var affected = new HashSet<string>(services, StringComparer.OrdinalIgnoreCase);
        return new RecentChanges(lookback, newestFirst.Where(c => affected.Contains(c.Service)).ToList(), newestFirst.Where(c => !affected.Contains(c.Service)).ToList());
    }

    /// <summary>A stored deploy by id or URL, or null when what was typed is not one (a PR link, a ticket).</summary>
    public Task<Change?> ResolveAsync(string idOrUrl, CancellationToken cancellationToken) => store.FindAsync(idOrUrl.Trim(), cancellationToken);
}
