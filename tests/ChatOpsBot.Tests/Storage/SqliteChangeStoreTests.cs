using ChatOpsBot.Core.Changes;
using ChatOpsBot.Storage;
using Microsoft.Data.Sqlite;

namespace ChatOpsBot.Tests.Storage;

public sealed class SqliteChangeStoreTests : ChangeStoreContract
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"chatopsbot-changes-{Guid.NewGuid():N}");

    protected override IChangeStore CreateStore() => new SqliteChangeStore(new SqliteDatabase(Path.Combine(_directory, "chatopsbot.db")));

    public override Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }
}
