using System.Collections.Concurrent;

namespace ChatOpsBot.Core.Incidents;

/// <summary>
/// When the cached fold may be served without asking the store. Every append is announced with the version it reached
/// (the Redis append script publishes it; SQLite serves one process, whose appends all pass through here), so a replica
/// that has heard of no version beyond its cache is current and skips the read; it reads only what other replicas
/// appended. Until the host says announcements arrive (<see cref="TrustAnnouncements"/>), every read goes to the store,
/// as before: tests and tools that build a service on a shared store without a feed stay correct.
/// </summary>
public sealed partial class IncidentReader
{
    private readonly ConcurrentDictionary<int, long> _announced = new();
    private readonly ConcurrentDictionary<int, long> _verifiedInEpoch = new();
    private readonly ConcurrentDictionary<int, long> _appending = new();
    private volatile bool _trustAnnouncements;

    // Bumped whenever announcements may have been lost (the subscription dropped): every cache must be read once
    // again before it is trusted, since an append made meanwhile was announced to nobody.
    private long _epoch;

    /// <summary>Raised when another replica announced a version of an incident newer than this replica's cache.</summary>
    public event Action<int>? ChangedElsewhere;

    /// <summary>From now on an incident whose cache was confirmed by the store, and of which no newer version was announced, is served from memory.</summary>
    public void TrustAnnouncements() => _trustAnnouncements = true;

    /// <summary>Announcements may have been missed (the feed disconnected): read every incident once more before trusting its cache.</summary>
    public void AnnouncementsMayHaveBeenLost() => Interlocked.Increment(ref _epoch);

    /// <summary>Some replica's append took the incident to <paramref name="version"/>. Our own come back too and are ignored.</summary>
    public void Announced(int number, long version)
    {
        // Our own announcement can overtake the append's reply (it comes on the subscription's connection): the
        // version our in-flight append would reach is ours. Had another replica reached that version instead, our
        // append fails its version check and the retry reads the store anyway.
        if (_appending.TryGetValue(number, out var mine) && mine == version)
        {
            return;
        }

        _announced.AddOrUpdate(number, version, (_, old) => Math.Max(old, version));
        if (_states.GetValueOrDefault(number, Incident.None).Version < version)
        {
            ChangedElsewhere?.Invoke(number);
        }
    }

    /// <summary>This replica's append is about to take the incident to <paramref name="reaching"/>; see <see cref="Announced"/>.</summary>
    internal void Appending(int number, long reaching) => _appending[number] = reaching;

    /// <summary>The append's result is in the cache (or it failed): announcements of that version are news again.</summary>
    internal void AppendDone(int number) => _appending.TryRemove(number, out _);

    internal long CurrentEpoch => Interlocked.Read(ref _epoch);

    /// <summary>True when <paramref name="cached"/> is the store's latest version as far as any announcement says.</summary>
    private bool IsCurrent(int number, Incident cached) =>
        _trustAnnouncements
        && cached.Exists
        && _verifiedInEpoch.TryGetValue(number, out var epoch) && epoch == CurrentEpoch
        && _announced.GetValueOrDefault(number) <= cached.Version;

    /// <summary>The store confirmed (by a read or a successful append) that the cache was current when <paramref name="epoch"/> began.</summary>
    internal void Verified(int number, long epoch) => _verifiedInEpoch[number] = epoch;
}
