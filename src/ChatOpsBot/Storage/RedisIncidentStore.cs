using System.Globalization;
using ChatOpsBot.Core.Incidents;
using StackExchange.Redis;

namespace ChatOpsBot.Storage;

/// <summary>
/// One Redis Stream per incident. The stream is never trimmed, so its length is the incident's version and the
/// n-th entry is version n; each entry also carries its version ("v") so a reader never has to trust the arithmetic.
/// The stream id is the recorded time: RecordedAt is read back from it, so it cannot drift from the order of entries.
/// </summary>
public sealed class RedisIncidentStore(IConnectionMultiplexer redis, RedisKeys keys, TimeProvider clock) : IIncidentStore
{
    // Version check and XADDs in one script, so no other writer can slip in between. The ids are built here
    // rather than with "*" so their milliseconds come from our TimeProvider (tests drive it), clamped to the last id
    // so RecordedAt never goes backwards when replicas' clocks disagree. Ids are "ms-seq" with an explicit seq,
    // which Redis 6.2 accepts too (the "ms-*" form needs Redis 7).
    // The index ZADD touches a key outside the incident's hash tag: fine on a single Redis, Sentinel or a managed
    // non-cluster Redis; on Cluster the index would have to move out of the script.
    // Request keys (KEYS[3..]) are checked first and set last, in the same script as the events, so a key is recorded
    // exactly when its events are. ARGV: expected version, ms, incident, key TTL (ms), key count k, k locations, events.
    private const string AppendScript = """
        local k = tonumber(ARGV[5])
        local current = redis.call('XLEN', KEYS[1])
        local dup = {2, current}
        for i = 1, k do
          local found = redis.call('GET', KEYS[2 + i])
          if found then
            dup[#dup + 1] = i
            dup[#dup + 1] = found
          end
        end
        if #dup > 2 then
          return dup
        end
        if current ~= tonumber(ARGV[1]) then
          return {0, current}
        end
        local e0 = 6 + k
        local ms = ARGV[2]
        local seq = 0
        local result = {1, current + #ARGV - e0 + 1}
        -- Usually our clock is ahead of the last entry and the first XADD just works; only when it is not
        -- (same millisecond, or a replica whose clock is behind) do we look up the last id and continue after it.
        local first = redis.pcall('XADD', KEYS[1], ms .. '-0', 'v', current + 1, 'e', ARGV[e0])
        if type(first) == 'table' and first.err then
          local last = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
          local lastMs, lastSeq = string.match(last[1][1], '^(%d+)-(%d+)$')
          ms = lastMs
          seq = tonumber(lastSeq) + 1
          redis.call('XADD', KEYS[1], ms .. '-' .. string.format('%d', seq), 'v', current + 1, 'e', ARGV[e0])
        end
        result[3] = ms .. '-' .. string.format('%d', seq)
        for i = e0 + 1, #ARGV do
          seq = seq + 1
          local id = ms .. '-' .. string.format('%d', seq)
          redis.call('XADD', KEYS[1], id, 'v', current + i - e0 + 1, 'e', ARGV[i])
          result[#result + 1] = id
        end
        if current == 0 then
          redis.call('ZADD', KEYS[2], ARGV[3], ARGV[3])
        end
        for i = 1, k do
          redis.call('SET', KEYS[2 + i], ARGV[5 + i], 'PX', ARGV[4])
        end
        -- Announce "number:version" in the same call (RedisKeys.AppendedChannel is KEYS[2] .. ':appended'): other
        -- replicas learn the version without a round trip of ours, and a replica that hears of nothing newer than
        -- its cache need not read (IncidentReader.Announced).
        redis.call('PUBLISH', KEYS[2] .. ':appended', ARGV[3] .. ':' .. result[2])
        return result
        """;

    // Declarations in one call, each as if alone and in order: its request keys checked first (a replay spends no
    // number), then INCR hands out the number and the new stream gets the events as versions 1..n, ids ms-0, ms-1...
    // The events key is built here from the number, which only a single Redis (or Sentinel, or managed non-cluster
    // Redis) allows, like the index keys this script and the append script touch. Events are serialised with
    // incidentNumber 0 and the script writes the number in (a JSON string escapes its quotes, so the unescaped property
    // can be nothing but the event's own). The alert group index is written here too, atomically with the link.
    // KEYS: index, next number, alert groups, then every declaration's request keys in turn.
    // ARGV: events key up to the number, ms, key TTL (ms), origin, d; then per declaration k, k "first:last", g,
    // g group keys, e, e events. Reply per declaration: {1, n} declared, {0, n} stream not empty, {2, m, m × (key index, location)}.
    private const string DeclareScript = """
        local prefix, ms, ttl, origin = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
        local a, r = 6, 4
        local out = {}
        for j = 1, tonumber(ARGV[5]) do
          local k = tonumber(ARGV[a])
          local locations, keys0 = a + 1, r
          a = a + 1 + k
          r = r + k
          local g = tonumber(ARGV[a])
          local groups = a + 1
          a = a + 1 + g
          local e = tonumber(ARGV[a])
          local events = a + 1
          a = a + 1 + e
          local dup = {}
          for i = 0, k - 1 do
            local found = redis.call('GET', KEYS[keys0 + i])
            if found then
              dup[#dup + 1] = i + 1
              dup[#dup + 1] = found
            end
          end
          if #dup > 0 then
            out[#out + 1] = 2
            out[#out + 1] = #dup / 2
            for _, v in ipairs(dup) do
              out[#out + 1] = v
            end
          else
            local n = redis.call('INCR', KEYS[2])
            local stream = prefix .. n .. '}:events'
            if redis.call('XLEN', stream) ~= 0 then
              out[#out + 1] = 0
              out[#out + 1] = n
            else
              for i = 0, e - 1 do
                local json = string.gsub(ARGV[events + i], '"incidentNumber":0([,}])', '"incidentNumber":' .. n .. '%1', 1)
                redis.call('XADD', stream, ms .. '-' .. i, 'v', i + 1, 'e', json)
              end
              redis.call('ZADD', KEYS[1], n, n)
              for i = 0, g - 1 do
                redis.call('HSET', KEYS[3], ARGV[groups + i], n)
              end
              for i = 0, k - 1 do
                redis.call('SET', KEYS[keys0 + i], n .. ':' .. ARGV[locations + i], 'PX', ttl)
              end
              redis.call('PUBLISH', KEYS[1] .. ':appended', n .. ':' .. e .. ':' .. origin)
              out[#out + 1] = 1
              out[#out + 1] = n
            end
          end
        end
        return out
        """;

    // Reading "after version v" is reading the last (length - v) entries: XREVRANGE with COUNT costs
    // O(log N + new entries), not O(timeline). That is why the stream must never be trimmed; it also spares us a
    // version->id index to keep in step. Length and range are taken in one script so they agree.
    private const string ReadScript = """
        local count = redis.call('XLEN', KEYS[1]) - tonumber(ARGV[1])
        if count <= 0 then
          return {}
        end
        return redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', count)
        """;

    private IDatabase Db => redis.GetDatabase();

    public async Task<int> AllocateNumberAsync(CancellationToken cancellationToken) =>
        checked((int)await Db.StringIncrementAsync(keys.NextIncidentNumber).WaitAsync(cancellationToken));

    public async Task<AppendResult> AppendAsync(int incidentNumber, long expectedVersion, IReadOnlyList<IncidentEvent> events, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        var stamped = events.Select((e, i) => e with { IncidentNumber = incidentNumber, Version = expectedVersion + i + 1 }).ToList();
        if (stamped.Count == 0)
        {
            var current = await Db.StreamLengthAsync(keys.Events(incidentNumber)).WaitAsync(cancellationToken);
            return current == expectedVersion ? new AppendResult(true, current, []) : AppendResult.Conflict(current);
        }

        // The alert group index is written first, outside the script (which other work extends): if the append then
        // fails, the index names an incident that does not link the group, and IncidentService checks before trusting it.
        foreach (var link in stamped.OfType<AlertGroupLinked>())
        {
            await Db.HashSetAsync(keys.AlertGroups, link.GroupKey, incidentNumber).WaitAsync(cancellationToken);
        }

        // An id of 0-0 is invalid, so never offer a clock before the epoch.
        var nowMs = Math.Max(1, clock.GetUtcNow().ToUnixTimeMilliseconds());
        var requests = RecordedRequest.Of(incidentNumber, expectedVersion, stamped);
        var args = new List<RedisValue>(stamped.Count + requests.Count + 5)
        {
            expectedVersion, nowMs, incidentNumber, (long)RecordedRequest.Retention.TotalMilliseconds, requests.Count,
        };
        args.AddRange(requests.Select(r => (RedisValue)r.Location));
        args.AddRange(stamped.Select(e => (RedisValue)IncidentEventJson.Serialize(e)));
        RedisKey[] scriptKeys = [keys.Events(incidentNumber), keys.IncidentIndex, .. requests.Select(r => keys.Request(r.Key))];

        var reply = (RedisResult[])(await Db.ScriptEvaluateAsync(AppendScript, scriptKeys, [.. args]).WaitAsync(cancellationToken))!;
        var version = (long)reply[1];
        switch ((long)reply[0])
        {
            case 0:
                return AppendResult.Conflict(version);
            case 2:
                var duplicates = new List<RecordedRequest>();
                for (var i = 2; i + 1 < reply.Length; i += 2)
                {
                    duplicates.Add(RecordedRequest.Parse(requests[(int)reply[i] - 1].Key, (string)reply[i + 1]!));
                }

                return AppendResult.Duplicate(version, duplicates);
        }

        var appended = stamped.Select((e, i) => e with { RecordedAt = RecordedAtOf((string)reply[i + 2]!) }).ToList();
        return new AppendResult(true, version, appended);
    }

    public async Task<AppendResult> AppendNewIncidentAsync(IReadOnlyList<IncidentEvent> events, CancellationToken cancellationToken) =>
        (await AppendNewIncidentsAsync([events], cancellationToken))[0];

    public async Task<IReadOnlyList<AppendResult>> AppendNewIncidentsAsync(IReadOnlyList<IReadOnlyList<IncidentEvent>> declarations, CancellationToken cancellationToken)
    {
        if (declarations.Count == 0)
        {
            return [];
        }

        // An id of 0-0 is invalid, so never offer a clock before the epoch.
        var nowMs = Math.Max(1, clock.GetUtcNow().ToUnixTimeMilliseconds());
        var args = new List<RedisValue> { keys.EventsBeforeNumber, nowMs, (long)RecordedRequest.Retention.TotalMilliseconds, keys.Replica, declarations.Count };
        var scriptKeys = new List<RedisKey> { keys.IncidentIndex, keys.NextIncidentNumber, keys.AlertGroups };
        var prepared = new List<(List<IncidentEvent> Stamped, IReadOnlyList<RecordedRequest> Requests)>(declarations.Count);
        foreach (var events in declarations)
        {
            ArgumentOutOfRangeException.ThrowIfZero(events.Count);
            var stamped = events.Select((e, i) => e with { IncidentNumber = 0, Version = i + 1 }).ToList();
            var requests = RecordedRequest.Of(0, 0, stamped);
            var groups = stamped.OfType<AlertGroupLinked>().Select(l => l.GroupKey).Distinct(StringComparer.Ordinal).ToList();
            args.Add(requests.Count);
            args.AddRange(requests.Select(r => (RedisValue)string.Create(CultureInfo.InvariantCulture, $"{r.FirstVersion}:{r.LastVersion}")));
            args.Add(groups.Count);
            args.AddRange(groups.Select(g => (RedisValue)g));
            args.Add(stamped.Count);
            args.AddRange(stamped.Select(e => (RedisValue)IncidentEventJson.Serialize(e)));
            scriptKeys.AddRange(requests.Select(r => keys.Request(r.Key)));
            prepared.Add((stamped, requests));
        }

        var reply = (RedisResult[])(await Db.ScriptEvaluateAsync(DeclareScript, [.. scriptKeys], [.. args]).WaitAsync(cancellationToken))!;
        var recordedAt = DateTimeOffset.FromUnixTimeMilliseconds(nowMs);
        var results = new List<AppendResult>(declarations.Count);
        var at = 0;
        foreach (var (stamped, requests) in prepared)
        {
            var status = (long)reply[at];
            if (status == 2)
            {
                var count = (int)reply[at + 1];
                var duplicates = new List<RecordedRequest>(count);
                for (var i = 0; i < count; i++)
                {
                    duplicates.Add(RecordedRequest.Parse(requests[(int)reply[at + 2 + 2 * i] - 1].Key, (string)reply[at + 3 + 2 * i]!));
                }

                results.Add(AppendResult.Duplicate(0, duplicates));
                at += 2 + 2 * count;
                continue;
            }

            var number = checked((int)(long)reply[at + 1]);
            at += 2;
            results.Add(status == 1
                ? new AppendResult(true, stamped.Count, [.. stamped.Select(e => e with { IncidentNumber = number, RecordedAt = recordedAt })])
                : AppendResult.Conflict(0));
        }

        return results;
    }

    public async Task<RecordedRequest?> FindRequestAsync(string requestKey, CancellationToken cancellationToken)
    {
        var location = await Db.StringGetAsync(keys.Request(requestKey)).WaitAsync(cancellationToken);
        return location.IsNull ? null : RecordedRequest.Parse(requestKey, location!);
    }

    public async Task<IReadOnlyList<IncidentEvent>> ReadAsync(int incidentNumber, long afterVersion, CancellationToken cancellationToken)
    {
        var reply = (RedisResult[])(await Db.ScriptEvaluateAsync(
            ReadScript, [keys.Events(incidentNumber)], [Math.Max(0, afterVersion)]).WaitAsync(cancellationToken))!;
        var events = new IncidentEvent[reply.Length];
        for (var i = 0; i < reply.Length; i++)
        {
            var entry = (RedisResult[])reply[i]!;
            var fields = (RedisValue[])entry[1]!;
            long version = 0;
            string? json = null;
            for (var f = 0; f + 1 < fields.Length; f += 2)
            {
                switch ((string?)fields[f])
                {
                    case "v": version = (long)fields[f + 1]; break;
                    case "e": json = fields[f + 1]; break;
                }
            }

            var e = IncidentEventJson.Deserialize(json ?? throw new InvalidDataException($"Stream entry {entry[0]} of incident {incidentNumber} has no event."));
            // XREVRANGE answers newest first; fill from the back to hand out oldest first.
            events[reply.Length - 1 - i] = e with { IncidentNumber = incidentNumber, Version = version, RecordedAt = RecordedAtOf((string)entry[0]!) };
        }

        return events;
    }

    public async Task<IReadOnlyList<int>> ListIncidentNumbersAsync(CancellationToken cancellationToken)
    {
        var members = await Db.SortedSetRangeByRankAsync(keys.IncidentIndex).WaitAsync(cancellationToken);
        return [.. members.Select(m => (int)m)];
    }

    public async Task<int?> FindAlertGroupAsync(string groupKey, CancellationToken cancellationToken)
    {
        var number = await Db.HashGetAsync(keys.AlertGroups, groupKey).WaitAsync(cancellationToken);
        return number.IsNull ? null : (int)number;
    }

    public Task SaveConversationReferenceAsync(string platform, string key, string reference, CancellationToken cancellationToken) =>
        Db.HashSetAsync(keys.ConversationReferences(platform), key, reference).WaitAsync(cancellationToken);

    public async Task<string?> FindConversationReferenceAsync(string platform, string key, CancellationToken cancellationToken)
    {
        var reference = await Db.HashGetAsync(keys.ConversationReferences(platform), key).WaitAsync(cancellationToken);
        return reference.IsNull ? null : (string?)reference;
    }

    public Task<bool> TryClaimAsync(string key, TimeSpan ttl, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        // SET NX PX: the first caller wins, everyone else sees the key until it expires. PX rounds to whole ms.
        var expiry = ttl < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : ttl;
        return Db.StringSetAsync(keys.Claim(key), "1", expiry, When.NotExists).WaitAsync(cancellationToken);
    }

    public Task ReleaseClaimAsync(string key, CancellationToken cancellationToken) =>
        Db.KeyDeleteAsync(keys.Claim(key)).WaitAsync(cancellationToken);

    // PEXPIRE on a missing (expired or released) key sets nothing and answers 0.
    public Task<bool> RenewClaimAsync(string key, TimeSpan ttl, CancellationToken cancellationToken) =>
        Db.KeyExpireAsync(keys.Claim(key), ttl < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : ttl).WaitAsync(cancellationToken);

    private static DateTimeOffset RecordedAtOf(string streamId) =>
        DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(streamId.AsSpan(0, streamId.IndexOf('-', StringComparison.Ordinal)), CultureInfo.InvariantCulture));
}
