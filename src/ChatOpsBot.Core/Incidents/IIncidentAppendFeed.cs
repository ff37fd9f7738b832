namespace ChatOpsBot.Core.Incidents;

/// <summary>
/// Announcements of appends, "incident N reached version V", from every replica including this one. The store makes
/// them (Redis: the append script publishes in the same call), so listening costs no round trip per command; a replica
/// compares the version with its cache and reads only when someone else got further (<see cref="IncidentReader.Announced"/>).
/// </summary>
public interface IIncidentAppendFeed
{
    /// <summary>
    /// Calls <paramref name="onAppended"/> with (number, version) for each append, and <paramref name="onMayHaveMissed"/>
    /// whenever announcements may have been lost (the connection dropped), so caches are read again before being trusted.
    /// </summary>
    Task SubscribeAsync(Action<int, long> onAppended, Action onMayHaveMissed, CancellationToken cancellationToken);
}
