using ChatOpsBot.Console;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Storage;
using ChatOpsBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsBot.Tests.Reliability;

/// <summary>
/// The host died after asking the platform for the incident's channel and before recording the answer: the store
/// holds the intent (ChannelOpening with the exact name) and the platform holds the channel. After the restart the
/// bot adopts that channel instead of opening "…-2", so the people already in it are in the incident's room.
/// (The crash is reproduced by writing what a killed host leaves behind, then starting the host on it.)
/// </summary>
public sealed class ChannelAfterCrashTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("chatopsbot-crash-").FullName;

    private string DatabasePath => Path.Combine(_directory, "chatopsbot.db");

    [Fact]
    public async Task AChannelOpenedJustBeforeACrashIsAdoptedAfterTheRestartNotOpenedTwice()
    {
        var database = new SqliteDatabase(DatabasePath);
        var incidents = new IncidentService(new SqliteIncidentStore(database, TimeProvider.System), TimeProvider.System, new IncidentSettings());
        var declared = await incidents.DeclareAsync(new DeclareRequest("Checkout down", Severity.Sev2, Origin: LocalChatPlatform.Conversation("general")),
            new EventContext(new Actor("alice"), EventSource.Command), CancellationToken.None);
        await incidents.ExecuteAsync(declared.Incident.Number, _ => Decision.Accept(new ChannelOpening("inc-1-checkout-down")), new EventContext(Actor.Bot, EventSource.Bot), CancellationToken.None);
        // What the console platform did before the crash: the channel exists, nobody recorded it.
        await new SqliteConsoleStore(database).TryCreateChannelAsync(
            new ConsoleChannel("inc-1-checkout-down", Topic: "", Purpose: "", IsPrivate: false, Members: ["alice", "bob"], TimeProvider.System.GetUtcNow()), CancellationToken.None);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        using var restarted = new BotFactory(BotFactory.Sqlite(DatabasePath));
        var after = await Eventually.Get(() => restarted.Services.GetRequiredService<IncidentService>().Reader.GetAsync(1, default),
            i => i.Chat.KickoffMessageId is not null, "the channel steps after the restart");

        Assert.Equal("inc-1-checkout-down", after.Channel!.Name);
        var channels = await new ConsoleApiClient(restarted.CreateClient()).ChannelsAsync("alice");
        Assert.Single(channels, c => c.Name.StartsWith("inc-1-", StringComparison.Ordinal));
        Assert.Single((await restarted.Services.GetRequiredService<IncidentService>().Reader.ReadTimelineAsync(1, default)).OfType<ChannelOpened>());
    }

    [Fact]
    public async Task TheIntentIsRecordedBeforeTheChannelIsOpened()
    {
        using var bot = new BotFactory(BotFactory.Sqlite(DatabasePath));
        var console = new ConsoleApiClient(bot.CreateClient());
        await console.SayExpectingOneReplyAsync("alice", "general", "/incident declare sev2 Checkout down");

        var done = await Eventually.Get(() => bot.Services.GetRequiredService<IncidentService>().Reader.ReadTimelineAsync(1, default),
            t => t.OfType<ChannelOpened>().Any(), "the channel");

        var intent = Assert.Single(done.OfType<ChannelOpening>());
        var opened = Assert.Single(done.OfType<ChannelOpened>());
        Assert.True(intent.Version < opened.Version);
        Assert.Equal(intent.Name, opened.Channel.Name);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
