using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Storage;
using ChatOpsBot.Tests.Support;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace ChatOpsBot.Tests.Storage;

/// <summary>
/// The real host on a real Redis, its store wrapped in a counter: in steady state a command is one append, and neither
/// the command, the reconciler, the reminder planner nor the sweep reads back what this replica has just appended.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class ReadBackTests(RedisServerFixture redis)
{
    private const string Room = "inc-1-search-latency";

    [Fact]
    public async Task NotesAndASeverityChangeAreAppendedOnceEachAndNeverReadBack()
    {
        var counting = new CountingStore();
        using var factory = new BotFactory(BotFactory.Redis(redis.ConnectionString, RedisServerFixture.NewKeyPrefix()))
            .WithWebHostBuilder(b => b.ConfigureTestServices(services => services.AddSingleton<IIncidentStore>(sp =>
                counting.Wrapping(sp.GetRequiredService<RedisIncidentStore>()))));
        var console = new ConsoleApiClient(factory.CreateClient());
        var incidents = factory.Services.GetRequiredService<IncidentService>();
        await console.SayExpectingOneReplyAsync("alice", "general", "/incident declare sev2 Search latency");
        await Eventually.Get(() => incidents.Reader.GetAsync(1, default), i => i.Chat.IsAnnounced && i.Chat.MessagesPostedThrough > 0, "the channel steps after the declare");
        counting.Reset();

        for (var i = 1; i <= 20; i++)
        {
            await console.SayExpectingOneReplyAsync($"user{i}", Room, $"/incident note step {i}");
        }

        await console.SayExpectingOneReplyAsync("alice", Room, "/incident severity sev1");
        // The severity change earns a channel message: once it is in the room the reconciler has looked at every note before it.
        await Eventually.Get(() => console.MessagesAsync(Room), m => m.Any(x => x.Text.Contains("Severity changed from SEV2 to SEV1", StringComparison.Ordinal)), "the severity change posted in the room");
        await Eventually.Get(() => incidents.Reader.GetAsync(1, default), i => i.Chat.Topic?.StartsWith("SEV1", StringComparison.Ordinal) == true, "the topic updated");

        Assert.Equal(0, counting.Reads);
        // 21 commands, plus what the reconciler recorded (channel message posted, topic set): an append each, no retries.
        Assert.InRange(counting.Appends, 21, 25);
        Assert.Equal(0, counting.Conflicts);
    }

    [Fact]
    public async Task TheAppendScriptAnnouncesEachAppendsNumberAndVersionToEveryReplica()
    {
        var prefix = RedisServerFixture.NewKeyPrefix();
        using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var keys = new RedisKeys(prefix);
        var store = new RedisIncidentStore(connection, keys, TimeProvider.System);
        var heard = new List<(int, long)>();
        var both = new TaskCompletionSource();
        await new RedisIncidentAppendFeed(connection, keys).SubscribeAsync((n, v) =>
        {
            lock (heard)
            {
                heard.Add((n, v));
                if (heard.Count == 2)
                {
                    both.TrySetResult();
                }
            }
        }, () => { }, default);

        var number = await store.AllocateNumberAsync(default);
        await store.AppendAsync(number, 0, [new NoteAdded("one"), new NoteAdded("two")], default);
        await store.AppendAsync(number, 2, [new NoteAdded("three")], default);
        await both.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal([(number, 2L), (number, 3L)], heard);
    }

    [Fact]
    public async Task ADeclarationIsAnnouncedToTheOtherReplicasButNotBackToTheOneThatMadeIt()
    {
        var prefix = RedisServerFixture.NewKeyPrefix();
        using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var (mine, theirs) = (new RedisKeys(prefix), new RedisKeys(prefix));
        var store = new RedisIncidentStore(connection, mine, TimeProvider.System);
        var heardHere = new List<(int, long)>();
        var laterAppendHeardHere = new TaskCompletionSource();
        var heardThere = new TaskCompletionSource<(int, long)>(TaskCreationOptions.RunContinuationsAsynchronously);
        await new RedisIncidentAppendFeed(connection, mine).SubscribeAsync((n, v) =>
        {
            lock (heardHere)
            {
                heardHere.Add((n, v));
                laterAppendHeardHere.TrySetResult();
            }
        }, () => { }, default);
        await new RedisIncidentAppendFeed(connection, theirs).SubscribeAsync((n, v) => heardThere.TrySetResult((n, v)), () => { }, default);

        var declared = await store.AppendNewIncidentAsync([new NoteAdded("one"), new NoteAdded("two")], default);
        var number = declared.Appended[0].IncidentNumber;
        // Announcements arrive in order: once this replica hears the later append, it has had its chance to hear the declaration.
        await store.AppendAsync(number, 2, [new NoteAdded("three")], default);
        await laterAppendHeardHere.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal((number, 2L), await heardThere.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        lock (heardHere)
        {
            Assert.Equal([(number, 3L)], heardHere);
        }
    }

    /// <summary>Counts what the host asks of its store.</summary>
    private sealed class CountingStore
    {
        private int _reads;
        private int _appends;
        private int _conflicts;

        public int Reads => Volatile.Read(ref _reads);

        public int Appends => Volatile.Read(ref _appends);

        public int Conflicts => Volatile.Read(ref _conflicts);

        public void Reset()
        {
            Interlocked.Exchange(ref _reads, 0);
            Interlocked.Exchange(ref _appends, 0);
            Interlocked.Exchange(ref _conflicts, 0);
        }

        public IIncidentStore Wrapping(IIncidentStore inner) => new Decorator(inner, this);

        private sealed class Decorator(IIncidentStore inner, CountingStore counts) : IIncidentStore
        {
            public Task<int> AllocateNumberAsync(CancellationToken cancellationToken) => inner.AllocateNumberAsync(cancellationToken);

            public async Task<AppendResult> AppendAsync(int incidentNumber, long expectedVersion, IReadOnlyList<IncidentEvent> events, CancellationToken cancellationToken)
            {
                var result = await inner.AppendAsync(incidentNumber, expectedVersion, events, cancellationToken);
                Interlocked.Increment(ref result.Succeeded ? ref counts._appends : ref counts._conflicts);
                return result;
            }

            public Task<IReadOnlyList<IncidentEvent>> ReadAsync(int incidentNumber, long afterVersion, CancellationToken cancellationToken)
            {
                Interlocked.Increment(ref counts._reads);
                return inner.ReadAsync(incidentNumber, afterVersion, cancellationToken);
            }

            public Task<IReadOnlyList<int>> ListIncidentNumbersAsync(CancellationToken cancellationToken) => inner.ListIncidentNumbersAsync(cancellationToken);

            public Task<bool> TryClaimAsync(string key, TimeSpan ttl, CancellationToken cancellationToken) => inner.TryClaimAsync(key, ttl, cancellationToken);

            public Task ReleaseClaimAsync(string key, CancellationToken cancellationToken) => inner.ReleaseClaimAsync(key, cancellationToken);

            public Task<bool> RenewClaimAsync(string key, TimeSpan ttl, CancellationToken cancellationToken) => inner.RenewClaimAsync(key, ttl, cancellationToken);

            public Task<RecordedRequest?> FindRequestAsync(string requestKey, CancellationToken cancellationToken) => inner.FindRequestAsync(requestKey, cancellationToken);

            public Task<int?> FindAlertGroupAsync(string groupKey, CancellationToken cancellationToken) => inner.FindAlertGroupAsync(groupKey, cancellationToken);

            public Task SaveConversationReferenceAsync(string platform, string key, string reference, CancellationToken cancellationToken) =>
                inner.SaveConversationReferenceAsync(platform, key, reference, cancellationToken);

            public Task<string?> FindConversationReferenceAsync(string platform, string key, CancellationToken cancellationToken) =>
                inner.FindConversationReferenceAsync(platform, key, cancellationToken);
        }
    }
}
