using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ChatOpsBot.Storage;

/// <summary>
/// Settings read from three sections: "Storage:Provider", "Sqlite:Path", "Redis:ConnectionString" and "Redis:KeyPrefix".
/// The Redis and SQLite keys keep their own short sections because that is what operators type in env vars
/// (<c>Redis__ConnectionString</c>).
/// </summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public const string SqliteProvider = "Sqlite";

    public const string RedisProvider = "Redis";

    /// <summary>"Sqlite" (embedded default, one machine) or "Redis" (several replicas).</summary>
    public string Provider { get; set; } = SqliteProvider;

    public SqliteStorageOptions Sqlite { get; set; } = new();

    public RedisStorageOptions Redis { get; set; } = new();

    public bool UsesRedis => string.Equals(Provider?.Trim(), RedisProvider, StringComparison.OrdinalIgnoreCase);
}

public sealed class SqliteStorageOptions
{
    public const string Section = "Sqlite";

    public string Path { get; set; } = "./data/chatopsbot.db";
}

public sealed class RedisStorageOptions
{
    public const string Section = "Redis";

    public string? ConnectionString { get; set; }

    public string KeyPrefix { get; set; } = "chatopsbot";
}

/// <summary>Stops the host at start with a message that names the offending key.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var failures = new List<string>();
        var provider = options.Provider?.Trim() ?? "";
        if (!string.Equals(provider, StorageOptions.SqliteProvider, StringComparison.OrdinalIgnoreCase)
            && !string.Equals(provider, StorageOptions.RedisProvider, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"Storage:Provider must be Sqlite or Redis (was '{options.Provider}').");
        }

        if (options.UsesRedis)
        {
            if (string.IsNullOrWhiteSpace(options.Redis.ConnectionString))
            {
                failures.Add("Redis:ConnectionString is required when Storage:Provider is Redis.");
            }
            else if (!IsParsable(options.Redis.ConnectionString))
            {
                // The connection string may carry a password: name the key, never echo the value.
                failures.Add("Redis:ConnectionString is not a valid StackExchange.Redis configuration string.");
            }

            if (string.IsNullOrWhiteSpace(options.Redis.KeyPrefix) || options.Redis.KeyPrefix.AsSpan().IndexOfAny("{} ") >= 0)
            {
                failures.Add("Redis:KeyPrefix must be non-empty without spaces or braces (braces would break the per-incident hash tags).");
            }
        }
        else if (string.IsNullOrWhiteSpace(options.Sqlite.Path))
        {
            failures.Add("Sqlite:Path must name the database file, e.g. ./data/chatopsbot.db.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsParsable(string connectionString)
    {
        try
        {
            _ = ConfigurationOptions.Parse(connectionString);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
