using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ChatOpsBot.Storage;

/// <summary>Ready means the configured store answers: PING for Redis, SELECT 1 for SQLite.</summary>
internal sealed class StorageHealthCheck(IOptions<StorageOptions> options, IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (options.Value.UsesRedis)
            {
                var latency = await services.GetRequiredService<IConnectionMultiplexer>().GetDatabase().PingAsync().WaitAsync(cancellationToken);
                return HealthCheckResult.Healthy($"Redis answered PING in {latency.TotalMilliseconds:F1} ms.");
            }

            await using var connection = await services.GetRequiredService<SqliteDatabase>().OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1;";
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy("SQLite answered SELECT 1.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // /readyz writes only the status; the exception reaches the health check log, not the response.
            return HealthCheckResult.Unhealthy($"The {options.Value.Provider} store did not answer.", ex);
        }
    }
}
