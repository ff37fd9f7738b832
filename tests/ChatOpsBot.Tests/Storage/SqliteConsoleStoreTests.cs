using ChatOpsBot.Console;
using ChatOpsBot.Storage;
using Microsoft.Data.Sqlite;

namespace ChatOpsBot.Tests.Storage;

public sealed class SqliteConsoleStoreTests : ConsoleStoreContract
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"chatopsbot-sqlite-{Guid.NewGuid():N}");

    protected override IConsoleStore CreateStore() => new SqliteConsoleStore(new SqliteDatabase(Path.Combine(_directory, "chatopsbot.db")));

    public override Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }
}
