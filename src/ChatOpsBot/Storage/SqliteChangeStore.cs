using ChatOpsBot.Core.Changes;

namespace ChatOpsBot.Storage;

/// <summary>
/// Deploys in the SQLite file beside the incidents. The UNIQUE provider id makes the insert the de-duplication:
/// one statement, so two requests with the same deploy cannot both add it. Rows keep insertion order (rowid), so
/// a URL shared by several deploys resolves to the first, as in Redis.
/// </summary>
public sealed class SqliteChangeStore(SqliteDatabase database) : IChangeStore
{
    public async Task<ChangeAddResult> AddAsync(Change change, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using (var insert = connection.CreateCommand())
        {
            insert.CommandText = """
                INSERT INTO changes (id, provider_id, url, finished_at, json) VALUES ($id, $provider, $url, $finished, $json)
                ON CONFLICT DO NOTHING
                RETURNING 1;
                """;
            insert.Parameters.AddWithValue("$id", change.Id);
            insert.Parameters.AddWithValue("$provider", change.ProviderId);
            insert.Parameters.AddWithValue("$url", (object?)change.Url ?? DBNull.Value);
            insert.Parameters.AddWithValue("$finished", SqliteDatabase.FormatTime(change.FinishedAt));
            insert.Parameters.AddWithValue("$json", ChangeJson.Serialize(change));
            if (await insert.ExecuteScalarAsync(cancellationToken) is not null)
            {
                return new ChangeAddResult(true, change);
            }
        }

        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT json FROM changes WHERE provider_id = $provider OR id = $id LIMIT 1;";
        select.Parameters.AddWithValue("$provider", change.ProviderId);
        select.Parameters.AddWithValue("$id", change.Id);
        return new ChangeAddResult(false, ChangeJson.Deserialize((string)(await select.ExecuteScalarAsync(cancellationToken))!));
    }

    public async Task<Change?> FindAsync(string idOrUrl, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT json FROM changes WHERE id = $key
            UNION ALL SELECT json FROM (SELECT json FROM changes WHERE url = $key ORDER BY rowid LIMIT 1)
            LIMIT 1;
            """;
        command.Parameters.AddWithValue("$key", idOrUrl);
        return await command.ExecuteScalarAsync(cancellationToken) is string json ? ChangeJson.Deserialize(json) : null;
    }

    public async Task<IReadOnlyList<Change>> ListAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT json FROM changes WHERE finished_at >= $from AND finished_at <= $to ORDER BY finished_at, rowid;";
        command.Parameters.AddWithValue("$from", SqliteDatabase.FormatTime(from));
        command.Parameters.AddWithValue("$to", SqliteDatabase.FormatTime(to));
        var changes = new List<Change>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            changes.Add(ChangeJson.Deserialize(reader.GetString(0)));
        }

        return changes;
    }
}
