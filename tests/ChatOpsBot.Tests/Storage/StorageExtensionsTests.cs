using ChatOpsBot.Console;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Storage;
using ChatOpsBot.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Tests.Storage;

[Collection(RedisCollection.Name)]
public sealed class StorageExtensionsTests(RedisServerFixture redis) : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"chatopsbot-storage-{Guid.NewGuid():N}");

    [Fact]
    public async Task SqliteIsTheDefaultAndItsFileIsCreatedWhereSqlitePathSays()
    {
        var path = Path.Combine(_directory, "deep", "bot.db");
        await using var app = Build(new() { ["Sqlite:Path"] = path });

        Assert.IsType<SqliteIncidentStore>(app.Services.GetRequiredService<IIncidentStore>());
        Assert.IsType<SqliteConsoleStore>(app.Services.GetRequiredService<IConsoleStore>());
        Assert.True(File.Exists(path));
        Assert.Equal(HealthStatus.Healthy, (await CheckReadyAsync(app)).Status);
    }

    [Fact]
    public async Task RedisIsUsedWhenConfiguredAndItsReadyCheckPings()
    {
        await using var app = Build(new()
        {
            ["Storage:Provider"] = "redis",
            ["Redis:ConnectionString"] = redis.ConnectionString,
            ["Redis:KeyPrefix"] = RedisServerFixture.NewKeyPrefix(),
        });

        var incidents = Assert.IsType<RedisIncidentStore>(app.Services.GetRequiredService<IIncidentStore>());
        Assert.IsType<RedisConsoleStore>(app.Services.GetRequiredService<IConsoleStore>());
        Assert.Equal(1, await incidents.AllocateNumberAsync(CancellationToken.None));
        Assert.Equal(HealthStatus.Healthy, (await CheckReadyAsync(app)).Status);
    }

    [Fact]
    public async Task AnUnreachableRedisMakesTheHostUnreadyRatherThanCrash()
    {
        await using var app = Build(new()
        {
            ["Storage:Provider"] = "Redis",
            ["Redis:ConnectionString"] = "127.0.0.1:1,connectTimeout=300",
        });

        Assert.Equal(HealthStatus.Unhealthy, (await CheckReadyAsync(app)).Status);
    }

    [Theory]
    [InlineData("Postgres", null, "Storage:Provider")]
    [InlineData("Redis", null, "Redis:ConnectionString")]
    [InlineData("Redis", "", "Redis:ConnectionString")]
    public async Task ABadSettingStopsTheHostWithAMessageNamingTheKey(string provider, string? connectionString, string key)
    {
        await using var app = Build(new() { ["Storage:Provider"] = provider, ["Redis:ConnectionString"] = connectionString });

        var error = Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<IOptions<StorageOptions>>().Value);
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private WebApplication Build(Dictionary<string, string?> settings)
    {
        settings.TryAdd("Sqlite:Path", Path.Combine(_directory, "chatopsbot.db"));
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddStorage();
        builder.AddConsole();
        return builder.Build();
    }

    private static async Task<HealthReport> CheckReadyAsync(WebApplication app) =>
        await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(
            c => c.Tags.Contains(ChatOpsBot.Health.HealthEndpoints.ReadyTag), CancellationToken.None);
}
