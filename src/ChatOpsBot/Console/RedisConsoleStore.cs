using System.Globalization;
using System.Text.Json;
using ChatOpsBot.Core.Messages;
using ChatOpsBot.Storage;
using StackExchange.Redis;

namespace ChatOpsBot.Console;

/// <summary>
/// The console's channels and messages in Redis: a hash per channel, a sorted set of members scored by join
/// order, a list of messages. Every write that depends on what is already there is one Lua script, so two
/// replicas never read-modify-write over each other.
/// </summary>
public sealed class RedisConsoleStore(IConnectionMultiplexer redis, RedisKeys keys) : IConsoleStore
{
    private const string CreateChannelScript = """
        if redis.call('EXISTS', KEYS[1]) == 1 then
          return 0
        end
        redis.call('HSET', KEYS[1], 'name', ARGV[1], 'topic', ARGV[2], 'purpose', ARGV[3], 'private', ARGV[4], 'createdAt', ARGV[5])
        local n = 0
        for i = 6, #ARGV do
          if redis.call('ZADD', KEYS[2], 'NX', n + 1, ARGV[i]) == 1 then
            n = n + 1
          end
        end
        redis.call('ZADD', KEYS[3], redis.call('INCR', KEYS[4]), ARGV[1])
        return 1
        """;

    // Members never leave, so the count is the highest join-order score so far.
    private const string AddMembersScript = """
        if redis.call('EXISTS', KEYS[1]) == 0 then
          return 0
        end
        local n = redis.call('ZCARD', KEYS[2])
        for i = 1, #ARGV do
          if redis.call('ZADD', KEYS[2], 'NX', n + 1, ARGV[i]) == 1 then
            n = n + 1
          end
        end
        return 1
        """;

    private const string SetTopicScript = """
        if redis.call('EXISTS', KEYS[1]) == 0 then
          return 0
        end
        redis.call('HSET', KEYS[1], 'topic', ARGV[1])
        return 1
        """;

    // Finds the entry "ts json" and replaces it in place, so a message keeps its position; newest first, as the
    // message updated is nearly always a recent one (the incident card at the top of its channel is the exception).
    private const string UpdateMessageScript = """
        local n = redis.call('LLEN', KEYS[1])
        local prefix = ARGV[1] .. ' '
        for i = n - 1, 0, -1 do
          local entry = redis.call('LINDEX', KEYS[1], i)
          if string.sub(entry, 1, #prefix) == prefix then
            redis.call('LSET', KEYS[1], i, prefix .. ARGV[2])
            return 1
          end
        end
        return 0
        """;

    // The same rule as ConsoleTs.Next, in Lua so that taking the ts and appending the message are one step:
    // otherwise two posters could push in the opposite order of their ts.
    private const string PostMessageScript = """
        local secs = tonumber(ARGV[1])
        local seq = 1
        local last = redis.call('GET', KEYS[2])
        if last then
          local ls, lq = string.match(last, '^(%d+)%.(%d+)$')
          ls = tonumber(ls)
          lq = tonumber(lq)
          if ls >= secs then
            secs = ls
            seq = lq + 1
            if seq > 999999 then
              secs = secs + 1
              seq = 1
            end
          end
        end
        local ts = string.format('%010d.%06d', secs, seq)
        redis.call('SET', KEYS[2], ts)
        redis.call('RPUSH', KEYS[1], ts .. ' ' .. ARGV[2])
        return ts
        """;

    private IDatabase Db => redis.GetDatabase();

    public async Task<bool> TryCreateChannelAsync(ConsoleChannel channel, CancellationToken cancellationToken)
    {
        RedisValue[] args =
        [
            channel.Name, channel.Topic, channel.Purpose, channel.IsPrivate ? "1" : "0",
            channel.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
            .. channel.Members.Select(m => (RedisValue)m),
        ];
        var created = await Db.ScriptEvaluateAsync(
            CreateChannelScript,
            [keys.ConsoleChannel(channel.Name), keys.ConsoleMembers(channel.Name), keys.ConsoleChannels, keys.ConsoleChannelSequence],
            args).WaitAsync(cancellationToken);
        return (int)created == 1;
    }

    public async Task<ConsoleChannel?> GetChannelAsync(string name, CancellationToken cancellationToken)
    {
        // One transaction so the hash and the members are read at the same moment.
        var transaction = Db.CreateTransaction();
        var fields = transaction.HashGetAllAsync(keys.ConsoleChannel(name));
        var members = transaction.SortedSetRangeByRankAsync(keys.ConsoleMembers(name));
        await transaction.ExecuteAsync().WaitAsync(cancellationToken);
        var hash = (await fields).ToDictionary(e => (string)e.Name!, e => (string)e.Value!);
        if (hash.Count == 0)
        {
            return null;
        }

        return new ConsoleChannel(
            hash["name"],
            hash.GetValueOrDefault("topic", ""),
            hash.GetValueOrDefault("purpose", ""),
            hash.GetValueOrDefault("private") == "1",
            [.. (await members).Select(m => (string)m!)],
            DateTimeOffset.Parse(hash["createdAt"], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind));
    }

    public async Task<IReadOnlyList<ConsoleChannel>> ListChannelsAsync(CancellationToken cancellationToken)
    {
        var names = await Db.SortedSetRangeByRankAsync(keys.ConsoleChannels).WaitAsync(cancellationToken);
        var channels = await Task.WhenAll(names.Select(n => GetChannelAsync(n!, cancellationToken)));
        return [.. channels.OfType<ConsoleChannel>()];
    }

    public async Task AddMembersAsync(string channel, IReadOnlyCollection<string> members, CancellationToken cancellationToken)
    {
        if (members.Count == 0)
        {
            return;
        }

        await Db.ScriptEvaluateAsync(
            AddMembersScript,
            [keys.ConsoleChannel(channel), keys.ConsoleMembers(channel)],
            [.. members.Select(m => (RedisValue)m)]).WaitAsync(cancellationToken);
    }

    public async Task SetTopicAsync(string channel, string topic, CancellationToken cancellationToken) =>
        await Db.ScriptEvaluateAsync(SetTopicScript, [keys.ConsoleChannel(channel)], [topic]).WaitAsync(cancellationToken);

    public async Task<ConsoleMessage> PostMessageAsync(string channel, ConsoleMessageDraft draft, CancellationToken cancellationToken)
    {
        // The ts is only known inside the script, so the list entry is "ts json" and the JSON's own Ts is filled on read.
        var message = new ConsoleMessage("", channel, draft.User, draft.Text, draft.PostedAt, draft.Rich);
        var ts = await Db.ScriptEvaluateAsync(
            PostMessageScript,
            [keys.ConsoleMessages(channel), keys.ConsoleLastTs(channel)],
            [Math.Max(0, draft.PostedAt.ToUnixTimeSeconds()), JsonSerializer.Serialize(message, ConsoleTs.Json)]).WaitAsync(cancellationToken);
        return message with { Ts = (string)ts! };
    }

    public async Task<bool> UpdateMessageAsync(string channel, string ts, string text, ChatMessage? rich, CancellationToken cancellationToken)
    {
        var entries = await Db.ListRangeAsync(keys.ConsoleMessages(channel)).WaitAsync(cancellationToken);
        var current = entries.Select(e => (string)e!).FirstOrDefault(e => e.StartsWith(ts + " ", StringComparison.Ordinal));
        if (current is null)
        {
            return false;
        }

        var updated = Parse(current) with { Ts = "", Text = text, Rich = rich };
        var result = await Db.ScriptEvaluateAsync(UpdateMessageScript, [keys.ConsoleMessages(channel)], [ts, JsonSerializer.Serialize(updated, ConsoleTs.Json)])
            .WaitAsync(cancellationToken);
        return (int)result == 1;
    }

    public async Task<IReadOnlyList<ConsoleMessage>> ListMessagesAsync(string channel, int limit, CancellationToken cancellationToken)
    {
        if (limit <= 0)
        {
            return [];
        }

        var entries = await Db.ListRangeAsync(keys.ConsoleMessages(channel), -limit, -1).WaitAsync(cancellationToken);
        return [.. entries.Select(e => Parse(e!))];
    }

    private static ConsoleMessage Parse(string entry)
    {
        var space = entry.IndexOf(' ', StringComparison.Ordinal);
        var message = JsonSerializer.Deserialize<ConsoleMessage>(entry.AsSpan(space + 1), ConsoleTs.Json)
            ?? throw new InvalidDataException("A console message was stored as null.");
        return message with { Ts = entry[..space] };
    }
}
