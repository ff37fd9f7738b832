using ChatOpsBot.Core.Changes;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Health;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ChatOpsBot.Storage;

public static class StorageExtensions
{
    /// <summary>
    /// Registers the incident and change stores for the configured provider, and a "ready" health check on it.
    /// The provider is chosen when the stores are first resolved, not here, so configuration added later
    /// (e.g. by WebApplicationFactory in tests) still counts.
    /// </summary>
    public static WebApplicationBuilder AddStorage(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddOptions<StorageOptions>()
            .Configure<IConfiguration>((options, configuration) =>
            {
                // "Storage:Sqlite:Path" binds too; the short "Sqlite:Path" and "Redis:*" sections win when both are set.
                configuration.GetSection(StorageOptions.Section).Bind(options);
                configuration.GetSection(SqliteStorageOptions.Section).Bind(options.Sqlite);
                configuration.GetSection(RedisStorageOptions.Section).Bind(options.Redis);
            })
            .ValidateOnStart();

        services.AddSingleton<IConnectionMultiplexer>(sp =>
        {
            var configuration = ConfigurationOptions.Parse(sp.GetRequiredService<IOptions<StorageOptions>>().Value.Redis.ConnectionString!);
            // Start even while Redis is down: the multiplexer keeps reconnecting and /readyz reports it meanwhile.
            configuration.AbortOnConnectFail = false;
            return ConnectionMultiplexer.Connect(configuration);
        });
        services.AddSingleton(sp => new RedisKeys(sp.GetRequiredService<IOptions<StorageOptions>>().Value.Redis.KeyPrefix));
        services.AddSingleton(sp => new SqliteDatabase(sp.GetRequiredService<IOptions<StorageOptions>>().Value.Sqlite.Path));
        services.AddSingleton<RedisIncidentStore>();
        services.AddSingleton<SqliteIncidentStore>();

        services.AddSingleton<RedisOperationMetrics>();
        services.AddSingleton<IIncidentStore>(sp => UsesRedis(sp)
            ? WithOperationMetrics(sp).GetRequiredService<RedisIncidentStore>()
            : sp.GetRequiredService<SqliteIncidentStore>());
        services.AddSingleton<RedisChangeStore>();
        services.AddSingleton<SqliteChangeStore>();
        services.AddSingleton<IChangeStore>(sp => UsesRedis(sp)
            ? sp.GetRequiredService<RedisChangeStore>()
            : sp.GetRequiredService<SqliteChangeStore>());

        services.AddSingleton<IIncidentAppendFeed>(sp => UsesRedis(sp)
            ? ActivatorUtilities.CreateInstance<RedisIncidentAppendFeed>(sp)
            : new LocalIncidentAppendFeed());
        services.AddHostedService<IncidentFeedListener>();

        services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage", tags: [HealthEndpoints.ReadyTag]);
        return builder;
    }

    /// <summary>Starts counting Redis operations (<see cref="RedisOperationMetrics"/>) along with the Redis store.</summary>
    private static IServiceProvider WithOperationMetrics(IServiceProvider services)
    {
        services.GetRequiredService<RedisOperationMetrics>();
        return services;
    }

    private static bool UsesRedis(IServiceProvider services) => services.GetRequiredService<IOptions<StorageOptions>>().Value.UsesRedis;
}
