using ChatOpsBot.Core.Incidents;
using Microsoft.Data.Sqlite;

namespace ChatOpsBot.Storage;

/// <summary>
/// Incidents in one SQLite file: the embedded default for a single machine. Appends run in an IMMEDIATE
/// transaction (the write lock is taken up front, so two appenders queue instead of both reading the old version),
/// and the (incident, version) primary key is the last line of defence against a duplicate version.
/// </summary>
public sealed class SqliteIncidentStore(SqliteDatabase database, TimeProvider clock) : IIncidentStore
{
    private const int SqliteConstraint = 19;

    public async Task<int> AllocateNumberAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await NextNumberAsync(connection, cancellationToken);
    }

    private static async Task<int> NextNumberAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO counters (name, value) VALUES ('incident', 1)
            ON CONFLICT (name) DO UPDATE SET value = value + 1
            RETURNING value;
            """;
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<AppendResult> AppendAsync(int incidentNumber, long expectedVersion, IReadOnlyList<IncidentEvent> events, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        await using var connection = await database.OpenAsync(cancellationToken);
        try
        {
            await using var transaction = connection.BeginTransaction(deferred: false);
            var (current, lastRecordedAt) = await ReadHeadAsync(connection, incidentNumber, cancellationToken);
            var requests = RecordedRequest.Of(incidentNumber, expectedVersion, events);
            var duplicates = new List<RecordedRequest>();
            foreach (var request in requests)
            {
                if (await FindRequestAsync(connection, request.Key, cancellationToken) is { } earlier)
                {
                    duplicates.Add(earlier);
                }
            }

            if (duplicates.Count > 0)
            {
                return AppendResult.Duplicate(current, duplicates);
            }

            if (current != expectedVersion)
            {
                return AppendResult.Conflict(current);
            }

            var appended = await WriteAsync(connection, incidentNumber, expectedVersion, lastRecordedAt, events, requests, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new AppendResult(true, expectedVersion + appended.Count, appended);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == SqliteConstraint)
        {
            // Another writer (another process on the same file) got there first: report, never throw.
            var (current, _) = await ReadHeadAsync(connection, incidentNumber, cancellationToken);
            return AppendResult.Conflict(current);
        }
    }

    public async Task<AppendResult> AppendNewIncidentAsync(IReadOnlyList<IncidentEvent> events, CancellationToken cancellationToken) =>
        (await AppendNewIncidentsAsync([events], cancellationToken))[0];

    /// <summary>
    /// Declares in one IMMEDIATE transaction, each declaration as if alone: its request keys checked first (a replay
    /// spends no number), then the counter hands out the number and the events become its versions 1..n.
    /// </summary>
    public async Task<IReadOnlyList<AppendResult>> AppendNewIncidentsAsync(IReadOnlyList<IReadOnlyList<IncidentEvent>> declarations, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        var results = new List<AppendResult>(declarations.Count);
        foreach (var events in declarations)
        {
            results.Add(await DeclareAsync(connection, events, cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return results;
    }

    private async Task<AppendResult> DeclareAsync(SqliteConnection connection, IReadOnlyList<IncidentEvent> events, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfZero(events.Count);
        var requests = RecordedRequest.Of(0, 0, events);
        var duplicates = new List<RecordedRequest>();
        foreach (var request in requests)
        {
            if (await FindRequestAsync(connection, request.Key, cancellationToken) is { } earlier)
            {
                duplicates.Add(earlier);
            }
        }

        if (duplicates.Count > 0)
        {
            return AppendResult.Duplicate(0, duplicates);
        }

        var number = await NextNumberAsync(connection, cancellationToken);
        var (current, _) = await ReadHeadAsync(connection, number, cancellationToken);
        if (current != 0)
        {
            return AppendResult.Conflict(current);
        }

        var appended = await WriteAsync(connection, number, 0, null, events, [.. requests.Select(r => r with { IncidentNumber = number })], cancellationToken);
        return new AppendResult(true, appended.Count, appended);
    }

    /// <summary>Inserts the events after <paramref name="expectedVersion"/> with the index rows they imply; the caller's transaction commits.</summary>
    private async Task<List<IncidentEvent>> WriteAsync(SqliteConnection connection, int incidentNumber, long expectedVersion, DateTimeOffset? lastRecordedAt,
        IReadOnlyList<IncidentEvent> events, IReadOnlyList<RecordedRequest> requests, CancellationToken cancellationToken)
    {
        // Never earlier than the last event, so RecordedAt stays non-decreasing if the clock steps back.
        var now = clock.GetUtcNow().ToUniversalTime();
        var recordedAt = lastRecordedAt is { } last && last > now ? last : now;
        var appended = events.Select((e, i) => e with { IncidentNumber = incidentNumber, Version = expectedVersion + i + 1, RecordedAt = recordedAt }).ToList();

        await using (var insert = connection.CreateCommand())
        {
            insert.CommandText = "INSERT INTO events (incident, version, recorded_at, json) VALUES ($incident, $version, $recordedAt, $json);";
            var incident = insert.Parameters.Add("$incident", SqliteType.Integer);
            var version = insert.Parameters.Add("$version", SqliteType.Integer);
            var recorded = insert.Parameters.Add("$recordedAt", SqliteType.Text);
            var json = insert.Parameters.Add("$json", SqliteType.Text);
            foreach (var e in appended)
            {
                incident.Value = incidentNumber;
                version.Value = e.Version;
                recorded.Value = SqliteDatabase.FormatTime(e.RecordedAt);
                json.Value = IncidentEventJson.Serialize(e);
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        if (expectedVersion == 0 && appended.Count > 0)
        {
            await using var index = connection.CreateCommand();
            index.CommandText = "INSERT OR IGNORE INTO incidents (number) VALUES ($number);";
            index.Parameters.AddWithValue("$number", incidentNumber);
            await index.ExecuteNonQueryAsync(cancellationToken);
        }

        if (requests.Count > 0)
        {
            await RecordRequestsAsync(connection, requests, cancellationToken);
        }

        foreach (var link in appended.OfType<AlertGroupLinked>())
        {
            // The newest incident wins: a group that outlived a closed incident gets a new one.
            await using var group = connection.CreateCommand();
            group.CommandText = """
                INSERT INTO alert_groups (group_key, incident) VALUES ($group, $number)
                ON CONFLICT (group_key) DO UPDATE SET incident = MAX(incident, excluded.incident);
                """;
            group.Parameters.AddWithValue("$group", link.GroupKey);
            group.Parameters.AddWithValue("$number", incidentNumber);
            await group.ExecuteNonQueryAsync(cancellationToken);
        }

        return appended;
    }

    public async Task<RecordedRequest?> FindRequestAsync(string requestKey, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await FindRequestAsync(connection, requestKey, cancellationToken);
    }

    private async Task<RecordedRequest?> FindRequestAsync(SqliteConnection connection, string requestKey, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT location FROM requests WHERE key = $key AND expires_at > $now;";
        command.Parameters.AddWithValue("$key", requestKey);
        command.Parameters.AddWithValue("$now", clock.GetUtcNow().ToUnixTimeMilliseconds());
        return await command.ExecuteScalarAsync(cancellationToken) is string location ? RecordedRequest.Parse(requestKey, location) : null;
    }

    private async Task RecordRequestsAsync(SqliteConnection connection, IReadOnlyList<RecordedRequest> requests, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using var command = connection.CreateCommand();
        // Expired keys are swept on the way, so the table stays the size of a day's commands.
        command.CommandText = """
            DELETE FROM requests WHERE expires_at <= $now;
            INSERT OR REPLACE INTO requests (key, location, expires_at) VALUES ($key, $location, $expiresAt);
            """;
        var key = command.Parameters.Add("$key", SqliteType.Text);
        var location = command.Parameters.Add("$location", SqliteType.Text);
        command.Parameters.AddWithValue("$now", now);
        command.Parameters.AddWithValue("$expiresAt", now + (long)RecordedRequest.Retention.TotalMilliseconds);
        foreach (var request in requests)
        {
            key.Value = request.Key;
            location.Value = request.Location;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public async Task<IReadOnlyList<IncidentEvent>> ReadAsync(int incidentNumber, long afterVersion, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // The primary key makes this a range seek: cost follows the events returned, not the timeline's length.
        command.CommandText = "SELECT version, recorded_at, json FROM events WHERE incident = $incident AND version > $after ORDER BY version;";
        command.Parameters.AddWithValue("$incident", incidentNumber);
        command.Parameters.AddWithValue("$after", afterVersion);
        var events = new List<IncidentEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(IncidentEventJson.Deserialize(reader.GetString(2)) with
            {
                IncidentNumber = incidentNumber,
                Version = reader.GetInt64(0),
                RecordedAt = SqliteDatabase.ParseTime(reader.GetString(1)),
            });
        }

        return events;
    }

    public async Task<int?> FindAlertGroupAsync(string groupKey, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT incident FROM alert_groups WHERE group_key = $group;";
        command.Parameters.AddWithValue("$group", groupKey);
        return await command.ExecuteScalarAsync(cancellationToken) is long number ? checked((int)number) : null;
    }

    public async Task<IReadOnlyList<int>> ListIncidentNumbersAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT number FROM incidents ORDER BY number;";
        var numbers = new List<int>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            numbers.Add(reader.GetInt32(0));
        }

        return numbers;
    }

    public async Task SaveConversationReferenceAsync(string platform, string key, string reference, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO conversation_refs (platform, key, reference) VALUES ($platform, $key, $reference)
            ON CONFLICT (platform, key) DO UPDATE SET reference = excluded.reference;
            """;
        command.Parameters.AddWithValue("$platform", platform);
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$reference", reference);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<string?> FindConversationReferenceAsync(string platform, string key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT reference FROM conversation_refs WHERE platform = $platform AND key = $key;";
        command.Parameters.AddWithValue("$platform", platform);
        command.Parameters.AddWithValue("$key", key);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public async Task<bool> TryClaimAsync(string key, TimeSpan ttl, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // One statement: insert, or take over an expired claim; a live claim is left alone and changes nothing.
        // Expired claims are swept on the way so the table stays the size of the live ones.
        command.CommandText = """
            DELETE FROM claims WHERE expires_at <= $now AND key <> $key;
            INSERT INTO claims (key, expires_at) VALUES ($key, $expiresAt)
            ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at WHERE claims.expires_at <= $now
            RETURNING 1;
            """;
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$now", now);
        command.Parameters.AddWithValue("$expiresAt", now + Math.Max(1, (long)ttl.TotalMilliseconds));
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    public async Task ReleaseClaimAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM claims WHERE key = $key;";
        command.Parameters.AddWithValue("$key", key);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> RenewClaimAsync(string key, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE claims SET expires_at = $expiresAt WHERE key = $key AND expires_at > $now RETURNING 1;";
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$now", now);
        command.Parameters.AddWithValue("$expiresAt", now + Math.Max(1, (long)ttl.TotalMilliseconds));
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    private static async Task<(long Version, DateTimeOffset? LastRecordedAt)> ReadHeadAsync(SqliteConnection connection, int incidentNumber, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version, recorded_at FROM events WHERE incident = $incident ORDER BY version DESC LIMIT 1;";
        command.Parameters.AddWithValue("$incident", incidentNumber);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? (reader.GetInt64(0), SqliteDatabase.ParseTime(reader.GetString(1)))
            : (0, null);
    }
}
