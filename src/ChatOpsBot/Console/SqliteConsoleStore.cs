using System.Text.Json;
using ChatOpsBot.Core.Messages;
using ChatOpsBot.Storage;
using Microsoft.Data.Sqlite;

namespace ChatOpsBot.Console;

/// <summary>The console's channels and messages in the same SQLite file as the incidents.</summary>
public sealed class SqliteConsoleStore(SqliteDatabase database) : IConsoleStore
{
    public async Task<bool> TryCreateChannelAsync(ConsoleChannel channel, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using (var insert = connection.CreateCommand())
        {
            // DO NOTHING rather than check-then-insert: the UNIQUE name decides who created it.
            insert.CommandText = """
                INSERT INTO console_channels (name, topic, purpose, is_private, created_at)
                VALUES ($name, $topic, $purpose, $private, $createdAt)
                ON CONFLICT (name) DO NOTHING
                RETURNING seq;
                """;
            insert.Parameters.AddWithValue("$name", channel.Name);
            insert.Parameters.AddWithValue("$topic", channel.Topic);
            insert.Parameters.AddWithValue("$purpose", channel.Purpose);
            insert.Parameters.AddWithValue("$private", channel.IsPrivate ? 1 : 0);
            insert.Parameters.AddWithValue("$createdAt", SqliteDatabase.FormatTime(channel.CreatedAt));
            if (await insert.ExecuteScalarAsync(cancellationToken) is null)
            {
                return false;
            }
        }

        await InsertMembersAsync(connection, channel.Name, channel.Members, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<ConsoleChannel?> GetChannelAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var channels = await ReadChannelsAsync(connection, name, cancellationToken);
        return channels.Count == 0 ? null : channels[0];
    }

    public async Task<IReadOnlyList<ConsoleChannel>> ListChannelsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ReadChannelsAsync(connection, null, cancellationToken);
    }

    public async Task AddMembersAsync(string channel, IReadOnlyCollection<string> members, CancellationToken cancellationToken)
    {
        if (members.Count == 0)
        {
            return;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using (var exists = connection.CreateCommand())
        {
            exists.CommandText = "SELECT 1 FROM console_channels WHERE name = $name;";
            exists.Parameters.AddWithValue("$name", channel);
            if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                return;
            }
        }

        await InsertMembersAsync(connection, channel, members, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task SetTopicAsync(string channel, string topic, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE console_channels SET topic = $topic WHERE name = $name;";
        command.Parameters.AddWithValue("$topic", topic);
        command.Parameters.AddWithValue("$name", channel);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<ConsoleMessage> PostMessageAsync(string channel, ConsoleMessageDraft draft, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // IMMEDIATE: the write lock is held from reading the last ts to inserting the next, so ts never repeats.
        await using var transaction = connection.BeginTransaction(deferred: false);
        string? last;
        await using (var head = connection.CreateCommand())
        {
            head.CommandText = "SELECT MAX(ts) FROM console_messages WHERE channel = $channel;";
            head.Parameters.AddWithValue("$channel", channel);
            last = await head.ExecuteScalarAsync(cancellationToken) as string;
        }

        var message = new ConsoleMessage(ConsoleTs.Next(last, draft.PostedAt), channel, draft.User, draft.Text, draft.PostedAt, draft.Rich);
        await using (var insert = connection.CreateCommand())
        {
            insert.CommandText = "INSERT INTO console_messages (channel, ts, json) VALUES ($channel, $ts, $json);";
            insert.Parameters.AddWithValue("$channel", channel);
            insert.Parameters.AddWithValue("$ts", message.Ts);
            insert.Parameters.AddWithValue("$json", JsonSerializer.Serialize(message, ConsoleTs.Json));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return message;
    }

    public async Task<bool> UpdateMessageAsync(string channel, string ts, string text, ChatMessage? rich, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        string? json;
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT json FROM console_messages WHERE channel = $channel AND ts = $ts;";
            read.Parameters.AddWithValue("$channel", channel);
            read.Parameters.AddWithValue("$ts", ts);
            json = await read.ExecuteScalarAsync(cancellationToken) as string;
        }

        if (json is null || JsonSerializer.Deserialize<ConsoleMessage>(json, ConsoleTs.Json) is not { } message)
        {
            return false;
        }

        await using (var write = connection.CreateCommand())
        {
            write.CommandText = "UPDATE console_messages SET json = $json WHERE channel = $channel AND ts = $ts;";
            write.Parameters.AddWithValue("$channel", channel);
            write.Parameters.AddWithValue("$ts", ts);
            write.Parameters.AddWithValue("$json", JsonSerializer.Serialize(message with { Text = text, Rich = rich }, ConsoleTs.Json));
            await write.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<ConsoleMessage>> ListMessagesAsync(string channel, int limit, CancellationToken cancellationToken)
    {
        if (limit <= 0)
        {
            return [];
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT json FROM (
                SELECT ts, json FROM console_messages WHERE channel = $channel ORDER BY ts DESC LIMIT $limit
            ) ORDER BY ts;
            """;
        command.Parameters.AddWithValue("$channel", channel);
        command.Parameters.AddWithValue("$limit", limit);
        var messages = new List<ConsoleMessage>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            messages.Add(JsonSerializer.Deserialize<ConsoleMessage>(reader.GetString(0), ConsoleTs.Json)
                ?? throw new InvalidDataException("A console message was stored as null."));
        }

        return messages;
    }

    private static async Task InsertMembersAsync(SqliteConnection connection, string channel, IEnumerable<string> members, CancellationToken cancellationToken)
    {
        await using var insert = connection.CreateCommand();
        // OR IGNORE keeps an existing member's original rowid, so the list stays in join order.
        insert.CommandText = "INSERT OR IGNORE INTO console_members (channel, member) VALUES ($channel, $member);";
        insert.Parameters.AddWithValue("$channel", channel);
        var member = insert.Parameters.Add("$member", SqliteType.Text);
        foreach (var m in members)
        {
            member.Value = m;
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task<List<ConsoleChannel>> ReadChannelsAsync(SqliteConnection connection, string? name, CancellationToken cancellationToken)
    {
        // A deferred transaction is one read snapshot, so a channel and its members are seen at the same moment.
        await using var transaction = connection.BeginTransaction(deferred: true);
        var rows = new List<(string Name, string Topic, string Purpose, bool IsPrivate, DateTimeOffset CreatedAt)>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = name is null
                ? "SELECT name, topic, purpose, is_private, created_at FROM console_channels ORDER BY seq;"
                : "SELECT name, topic, purpose, is_private, created_at FROM console_channels WHERE name = $name;";
            command.Parameters.AddWithValue("$name", name ?? "");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3) != 0, SqliteDatabase.ParseTime(reader.GetString(4))));
            }
        }

        var members = new Dictionary<string, List<string>>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = name is null
                ? "SELECT channel, member FROM console_members ORDER BY rowid;"
                : "SELECT channel, member FROM console_members WHERE channel = $name ORDER BY rowid;";
            command.Parameters.AddWithValue("$name", name ?? "");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var channel = reader.GetString(0);
                if (!members.TryGetValue(channel, out var list))
                {
                    members[channel] = list = [];
                }

                list.Add(reader.GetString(1));
            }
        }

        return [.. rows.Select(r => new ConsoleChannel(r.Name, r.Topic, r.Purpose, r.IsPrivate, members.GetValueOrDefault(r.Name) ?? [], r.CreatedAt))];
    }
}
