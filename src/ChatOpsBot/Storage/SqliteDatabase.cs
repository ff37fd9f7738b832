using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ChatOpsBot.Storage;

/// <summary>
/// The SQLite file shared by the incident and console stores: creates the directory and the schema once, and hands
/// out one pooled connection per operation, which is what makes the stores safe to call from many threads at once.
/// </summary>
public sealed class SqliteDatabase
{
    // WAL lets readers carry on while one writer appends. Writers queue on the busy timeout instead of failing.
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS events (
            incident    INTEGER NOT NULL,
            version     INTEGER NOT NULL,
            recorded_at TEXT    NOT NULL,
            json        TEXT    NOT NULL,
            PRIMARY KEY (incident, version)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS incidents (number INTEGER PRIMARY KEY);
        CREATE TABLE IF NOT EXISTS alert_groups (group_key TEXT PRIMARY KEY, incident INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS claims (key TEXT PRIMARY KEY, expires_at INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS claims_expires_at ON claims (expires_at);
        CREATE TABLE IF NOT EXISTS requests (key TEXT PRIMARY KEY, location TEXT NOT NULL, expires_at INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS requests_expires_at ON requests (expires_at);
        CREATE TABLE IF NOT EXISTS conversation_refs (
            platform  TEXT NOT NULL,
            key       TEXT NOT NULL,
            reference TEXT NOT NULL,
            PRIMARY KEY (platform, key)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS console_channels (
            seq        INTEGER PRIMARY KEY AUTOINCREMENT,
            name       TEXT    NOT NULL UNIQUE,
            topic      TEXT    NOT NULL,
            purpose    TEXT    NOT NULL,
            is_private INTEGER NOT NULL,
            created_at TEXT    NOT NULL
        );
        CREATE TABLE IF NOT EXISTS console_members (
            channel TEXT NOT NULL,
            member  TEXT NOT NULL,
            PRIMARY KEY (channel, member)
        );
        CREATE TABLE IF NOT EXISTS console_messages (
            channel TEXT NOT NULL,
            ts      TEXT NOT NULL,
            json    TEXT NOT NULL,
            PRIMARY KEY (channel, ts)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS changes (
            id          TEXT NOT NULL UNIQUE,
            provider_id TEXT NOT NULL UNIQUE,
            url         TEXT,
            finished_at TEXT NOT NULL,
            json        TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS changes_finished_at ON changes (finished_at);
        CREATE INDEX IF NOT EXISTS changes_url ON changes (url);
        """;

    private readonly string _connectionString;

    public SqliteDatabase(string path)
    {
        var fullPath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        FilePath = fullPath;

        using var connection = Open();
        Execute(connection, Schema);
    }

    public string FilePath { get; }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA busy_timeout = 30000;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stored as fixed-width UTC text: readable in the sqlite3 shell and sortable as a string.</summary>
    public static string FormatTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseTime(string value) =>
        DateTimeOffset.ParseExact(value, "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, "PRAGMA busy_timeout = 30000;");
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
