using StackExchange.Redis;

namespace ChatOpsBot.Storage;

/// <summary>
/// Every Redis key name, built in one place. One incident's keys share the hash tag <c>{inc:N}</c> so they land in
/// one Cluster slot; the console's keys share <c>{console}</c> so its scripts may touch several of them at once.
/// </summary>
public sealed class RedisKeys(string prefix)
{
    public string Prefix { get; } = prefix;

    public RedisKey Events(int incidentNumber) => $"{Prefix}:{{inc:{incidentNumber}}}:events";

    /// <summary>Sorted set of incident numbers (score = member = number), so listing is ascending for free.</summary>
    public RedisKey IncidentIndex => $"{Prefix}:incidents";

    /// <summary>Pub/sub channel on which the append script announces "number:version"; it must stay IncidentIndex + ":appended".</summary>
    public RedisChannel AppendedChannel => RedisChannel.Literal($"{Prefix}:incidents:appended");

    /// <summary>Hash from alert group key to the newest incident number linked to it.</summary>
    public RedisKey AlertGroups => $"{Prefix}:alert-groups";

    /// <summary>Hash per chat platform from a conversation's or person's key to how the platform reaches it.</summary>
    public RedisKey ConversationReferences(string platform) => $"{Prefix}:conversation-refs:{platform}";

    public RedisKey NextIncidentNumber => $"{Prefix}:incidents:next";

    /// <summary>What the events key of an incident starts with, up to its number: the declare script, which learns the number itself, ends it.</summary>
    public string EventsBeforeNumber => $"{Prefix}:{{inc:";

    /// <summary>
    /// This process among the replicas sharing the prefix, as the declare script names it on <see cref="AppendedChannel"/>
    /// ("number:version:origin"), so the feed can skip its own declarations (their number is not known until the reply).
    /// </summary>
    public string Replica { get; } = Guid.NewGuid().ToString("N")[..16];

    public RedisKey Claim(string key) => $"{Prefix}:claim:{key}";

    /// <summary>Where the events of an inbound request landed ("incident:first:last"); set by the append script.</summary>
    public RedisKey Request(string key) => $"{Prefix}:request:{key}";

    /// <summary>Sorted set of channel names, scored by creation sequence.</summary>
    public RedisKey ConsoleChannels => $"{Prefix}:{{console}}:channels";

    public RedisKey ConsoleChannelSequence => $"{Prefix}:{{console}}:channels:next";

    public RedisKey ConsoleChannel(string name) => $"{Prefix}:{{console}}:channel:{name}";

    /// <summary>Sorted set of members scored by join order, so the member list keeps the order people joined in.</summary>
    public RedisKey ConsoleMembers(string name) => $"{Prefix}:{{console}}:members:{name}";

    public RedisKey ConsoleMessages(string name) => $"{Prefix}:{{console}}:messages:{name}";

    public RedisKey ConsoleLastTs(string name) => $"{Prefix}:{{console}}:last-ts:{name}";

    /// <summary>Hash of change id → JSON; the deploy keys share <c>{changes}</c> so the add script may touch all of them.</summary>
    public RedisKey Changes => $"{Prefix}:{{changes}}:data";

    /// <summary>Sorted set of change ids scored by finished time (Unix ms), for listing a window.</summary>
    public RedisKey ChangesByFinished => $"{Prefix}:{{changes}}:by-finished";

    /// <summary>Hash of URL → the first change id reported with it.</summary>
    public RedisKey ChangesByUrl => $"{Prefix}:{{changes}}:by-url";
}
