using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Storage;
using Microsoft.Data.Sqlite;

namespace ChatOpsBot.Tests.Storage;

public sealed class SqliteIncidentStoreTests : IncidentStoreContract
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"chatopsbot-sqlite-{Guid.NewGuid():N}");

    // The fake clock decides expiry, so the TTL can be realistic without the test waiting for it.
    protected override TimeSpan ClaimTtl => TimeSpan.FromMinutes(5);

    private string DatabasePath => Path.Combine(_directory, "nested", "chatopsbot.db");

    protected override IIncidentStore CreateStore(TimeProvider clock) => new SqliteIncidentStore(new SqliteDatabase(DatabasePath), clock);

    protected override Task LetTimePassAsync(TimeSpan elapsed, string expiringClaim)
    {
        Clock.Advance(elapsed);
        return Task.CompletedTask;
    }

    public override Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task TheDatabaseFileAndItsDirectoryAreCreatedInWalMode()
    {
        _ = await Store.AllocateNumberAsync(CancellationToken.None);

        Assert.True(File.Exists(DatabasePath));
        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", await command.ExecuteScalarAsync() as string);
    }

    [Fact]
    public async Task AClaimIsStillHeldJustBeforeItsTtlRunsOut()
    {
        Assert.True(await Store.TryClaimAsync("reminder:1", TimeSpan.FromMinutes(5), CancellationToken.None));

        Clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromMilliseconds(1));

        Assert.False(await Store.TryClaimAsync("reminder:1", TimeSpan.FromMinutes(5), CancellationToken.None));
    }
}
