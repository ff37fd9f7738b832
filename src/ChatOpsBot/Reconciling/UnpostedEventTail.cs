using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Messages;

namespace ChatOpsBot.Reconciling;

/// <summary>
/// For each incident, the events this replica saw appended (IncidentReader.Changed carries them) that earn a channel
/// message, and how far that record is unbroken. The reconciler asks it which events are still to post instead of
/// reading the timeline back after every note; only a gap (another replica appended, or a restart) sends it to the store.
/// Keeps only message-earning events after the last posted one, so it stays small however long the timeline grows.
/// </summary>
internal sealed class UnpostedEventTail
{
    private readonly Dictionary<int, Tail> _tails = [];

    /// <summary>Events appended by this replica, in version order per incident (Changed is raised under the incident's gate).</summary>
    public void Appended(int number, IReadOnlyList<IncidentEvent> events)
    {
        if (events.Count == 0)
        {
            return;
        }

        lock (_tails)
        {
            if (!_tails.TryGetValue(number, out var tail))
            {
                if (events[0].Version != 1)
                {
                    return; // begun before we looked: the first question goes to the store
                }

                _tails[number] = tail = new Tail(0);
            }

            if (events[0].Version != tail.Through + 1)
            {
                // Someone else's events lie between: unknown until read from the store.
                _tails.Remove(number);
                return;
            }

            tail.Add(events);
        }
    }

    /// <summary>
    /// The message-earning events with versions in (<paramref name="after"/>, <paramref name="through"/>], when this
    /// record covers that whole range; false when the store must be asked.
    /// </summary>
    public bool TryGet(int number, long after, long through, out IReadOnlyList<IncidentEvent> unposted)
    {
        lock (_tails)
        {
            if (_tails.TryGetValue(number, out var tail) && tail.From <= after && tail.Through >= through)
            {
                tail.Forget(after);
                unposted = [.. tail.Earning.Where(e => e.Version > after && e.Version <= through)];
                return true;
            }
        }

        unposted = [];
        return false;
    }

    /// <summary>What the store answered for the events after <paramref name="after"/>: the record starts again from there.</summary>
    public void Read(int number, long after, IReadOnlyList<IncidentEvent> newer)
    {
        lock (_tails)
        {
            var tail = new Tail(after);
            tail.Add(newer);
            _tails[number] = tail;
        }
    }

    private sealed class Tail(long from)
    {
        public long From { get; private set; } = from;

        public long Through { get; private set; } = from;

        public List<IncidentEvent> Earning { get; } = [];

        public void Add(IReadOnlyList<IncidentEvent> events)
        {
            Earning.AddRange(events.Where(e => IncidentMessages.ForEvent(e) is not null));
            if (events.Count > 0)
            {
                Through = Math.Max(Through, events[^1].Version);
            }
        }

        /// <summary>Everything up to <paramref name="after"/> is posted or earns nothing: no one will ask for it again.</summary>
        public void Forget(long after)
        {
            Earning.RemoveAll(e => e.Version <= after);
            From = Math.Max(From, after);
        }
    }
}
