using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsBot.Tests.Storage;

/// <summary>What every <see cref="IIncidentStore"/> promises. One subclass per implementation runs it all.</summary>
public abstract class IncidentStoreContract : IAsyncLifetime
{
    private static readonly Actor Alice = new("U-alice", "alice");
    private static readonly Actor Bob = new("U-bob", "bob");

    private IIncidentStore? _store;

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2025, 11, 26, 9, 30, 0, TimeSpan.Zero));

    protected IIncidentStore Store => _store ?? throw new InvalidOperationException("The store is created in InitializeAsync.");

    /// <summary>Long enough for the implementation's TTL to be real (Redis expires keys on its own clock).</summary>
    protected abstract TimeSpan ClaimTtl { get; }

    /// <summary>A new store over the same data, as after a restart of the host.</summary>
    protected abstract IIncidentStore CreateStore(TimeProvider clock);

    /// <summary>
    /// Moves the store's notion of time on by <paramref name="elapsed"/>, past the TTL of <paramref name="expiringClaim"/>.
    /// A store whose claims expire on a clock the test does not drive (Redis's own) returns once that claim has expired.
    /// </summary>
    protected abstract Task LetTimePassAsync(TimeSpan elapsed, string expiringClaim);

    public Task InitializeAsync()
    {
        // Created once up front: a lazy getter hit by fifty threads at once would build fifty stores.
        _store = CreateStore(Clock);
        return Task.CompletedTask;
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TheAlertGroupIndexNamesTheNewestIncidentLinkedToTheGroupAndNothingForAnUnknownGroup()
    {
        var group = $"{{}}:{{alertname=\"Storm{Guid.NewGuid():N}\"}}";
        var first = await Store.AllocateNumberAsync(CancellationToken.None);
        await Store.AppendAsync(first, 0, [new NoteAdded("declared"), new AlertGroupLinked(group)], CancellationToken.None);
        var other = await Store.AllocateNumberAsync(CancellationToken.None);
        await Store.AppendAsync(other, 0, [new NoteAdded("unrelated"), new AlertGroupLinked(group + "-other")], CancellationToken.None);
        var found = await Store.FindAlertGroupAsync(group, CancellationToken.None);

        var second = await Store.AllocateNumberAsync(CancellationToken.None);
        await Store.AppendAsync(second, 0, [new NoteAdded("declared again after the first closed"), new AlertGroupLinked(group)], CancellationToken.None);

        Assert.Equal(first, found);
        Assert.Equal(second, await Store.FindAlertGroupAsync(group, CancellationToken.None));
        Assert.Equal(other, await Store.FindAlertGroupAsync(group + "-other", CancellationToken.None));
        Assert.Null(await Store.FindAlertGroupAsync(group + "-never-seen", CancellationToken.None));
    }

    [Fact]
    public async Task FiftyConcurrentAllocationsHandOutFiftyDifferentNumbers()
    {
        var numbers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => Store.AllocateNumberAsync(CancellationToken.None))));

        Assert.Equal(Enumerable.Range(1, 50), numbers.Order());
    }

    [Fact]
    public async Task AppendedEventsReadBackWithVersionsRecordedTimesAndEveryField()
    {
        var number = await Store.AllocateNumberAsync(CancellationToken.None);
        IncidentEvent[] events =
        [
            new Declared("Checkout is failing", Severity.Sev1, IsPrivate: false, new ConversationRef("slack", "C123", "incidents"), "Card payments time out")
            {
                Actor = Alice, Source = EventSource.Command, OccurredAt = Clock.GetUtcNow().AddSeconds(-5),
            },
            new RoleAssigned(Roles.Commander, Bob, Previous: Alice) { Actor = Alice, Source = EventSource.Command },
            new ActionItemAdded(1, "Add a payment-timeout alert", Owner: Bob) { Actor = Bob, Source = EventSource.PinnedMessage },
            new SeverityChanged(Severity.Sev1, Severity.Sev2),
        ];

        var result = await Store.AppendAsync(number, 0, events, CancellationToken.None);
        var read = await Store.ReadAsync(number, 0, CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Equal(4, result.CurrentVersion);
        var expected = events.Select((e, i) => e with { IncidentNumber = number, Version = i + 1, RecordedAt = Clock.GetUtcNow() }).ToList();
        Assert.Equal(expected, result.Appended);
        Assert.Equal(expected, read);
        Assert.All(read, e => Assert.Equal(TimeSpan.Zero, e.RecordedAt.Offset));
    }

    [Fact]
    public async Task ReadingAfterAVersionReturnsOnlyTheNewerEvents()
    {
        var number = await Store.AllocateNumberAsync(CancellationToken.None);
        await Store.AppendAsync(number, 0, Notes(3), CancellationToken.None);
        Clock.Advance(TimeSpan.FromSeconds(1));
        await Store.AppendAsync(number, 3, Notes(2), CancellationToken.None);

        var newer = await Store.ReadAsync(number, 3, CancellationToken.None);
        var none = await Store.ReadAsync(number, 5, CancellationToken.None);

        Assert.Equal([4L, 5L], newer.Select(e => e.Version));
        Assert.All(newer, e => Assert.Equal(Clock.GetUtcNow(), e.RecordedAt));
        Assert.Empty(none);
    }

    [Fact]
    public async Task ReadingNearTheEndOfALongTimelineReturnsJustTheTail()
    {
        var number = await Store.AllocateNumberAsync(CancellationToken.None);
        for (var version = 0; version < 1000; version += 100)
        {
            await Store.AppendAsync(number, version, Notes(100), CancellationToken.None);
        }

        var tail = await Store.ReadAsync(number, 997, CancellationToken.None);

        Assert.Equal([998L, 999L, 1000L], tail.Select(e => e.Version));
    }

    [Fact]
    public async Task ReadingAnIncidentWithNoEventsReturnsNothing()
    {
        Assert.Empty(await Store.ReadAsync(Some.Int() + 10_000, 0, CancellationToken.None));
    }

    [Fact]
    public async Task AppendingWithAStaleVersionAppendsNothingAndReportsTheCurrentVersion()
    {
        var number = await Store.AllocateNumberAsync(CancellationToken.None);
        await Store.AppendAsync(number, 0, Notes(2), CancellationToken.None);

        var stale = await Store.AppendAsync(number, 1, Notes(1), CancellationToken.None);
        var fresh = await Store.AppendAsync(number, 0, Notes(1), CancellationToken.None);

        Assert.False(stale.Succeeded);
        Assert.Equal(2, stale.CurrentVersion);
        Assert.Empty(stale.Appended);
        Assert.False(fresh.Succeeded);
        Assert.Equal(2, fresh.CurrentVersion);
        Assert.Equal(2, (await Store.ReadAsync(number, 0, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task FiftyConcurrentWritersRetryingOnConflictLoseNoEvent()
    {
        var number = await Store.AllocateNumberAsync(CancellationToken.None);

        await Task.WhenAll(Enumerable.Range(1, 50).Select(writer => Task.Run(async () =>
        {
            var expected = 0L;
            while (true)
            {
                var result = await Store.AppendAsync(number, expected, [new NoteAdded($"writer {writer}")], CancellationToken.None);
                if (result.Succeeded)
                {
                    return;
                }

                expected = result.CurrentVersion;
            }
        })));

        var timeline = await Store.ReadAsync(number, 0, CancellationToken.None);
        Assert.Equal(Enumerable.Range(1, 50).Select(v => (long)v), timeline.Select(e => e.Version));
        Assert.Equal(
            Enumerable.Range(1, 50).Select(w => $"writer {w}").Order(),
            timeline.Cast<NoteAdded>().Select(n => n.Text).Order());
    }

    [Fact]
    public async Task RecordedAtNeverGoesBackwardsWhenTheClockDoes()
    {
        var clock = new SettableClock(Clock.GetUtcNow());
        var store = CreateStore(clock);
        var number = await store.AllocateNumberAsync(CancellationToken.None);
        await store.AppendAsync(number, 0, Notes(1), CancellationToken.None);

        clock.Now = clock.Now.AddMinutes(-5);
        var later = await store.AppendAsync(number, 1, Notes(2), CancellationToken.None);

        var timeline = await store.ReadAsync(number, 0, CancellationToken.None);
        Assert.Equal(timeline[0].RecordedAt, timeline[2].RecordedAt);
        Assert.Equal(timeline.Select(e => e.RecordedAt).Order(), timeline.Select(e => e.RecordedAt));
        Assert.Equal(timeline.Skip(1), later.Appended);
    }

    [Fact]
    public async Task IncidentNumbersWithEventsAreListedAscending()
    {
        var numbers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Store.AllocateNumberAsync(CancellationToken.None)));
        var sorted = numbers.Order().ToArray();
        foreach (var number in new[] { sorted[2], sorted[0], sorted[3] })
        {
            await Store.AppendAsync(number, 0, Notes(1), CancellationToken.None);
        }

        await Store.AppendAsync(sorted[0], 1, Notes(1), CancellationToken.None);

        Assert.Equal([sorted[0], sorted[2], sorted[3]], await Store.ListIncidentNumbersAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AClaimIsGrantedToOneCallerUntilItExpires()
    {
        var key = Some.String("reminder:7:2025-11-26T10:00");

        var first = await Store.TryClaimAsync(key, ClaimTtl, CancellationToken.None);
        var second = await Store.TryClaimAsync(key, ClaimTtl, CancellationToken.None);
        var otherKey = await Store.TryClaimAsync(Some.String("other"), ClaimTtl, CancellationToken.None);
        await LetTimePassAsync(ClaimTtl + TimeSpan.FromMilliseconds(100), key);
        var afterExpiry = await Store.TryClaimAsync(key, ClaimTtl, CancellationToken.None);

        Assert.True(first);
        Assert.False(second);
        Assert.True(otherKey);
        Assert.True(afterExpiry);
    }

    [Fact]
    public async Task ARenewedClaimOutlivesItsFirstTtlButAnExpiredOrReleasedOneCannotBeRenewed()
    {
        var renewedKey = Some.String("reconcile:3:0");
        var expiredKey = Some.String("reconcile:4:0");
        var releasedKey = Some.String("reconcile:5:0");
        // The expired claim is taken after the renewed one with the same first TTL, so once it has expired the renewed
        // one's first TTL has passed too; the renewal is far longer than the wait.
        var firstTtl = ClaimTtl * 5;
        Assert.True(await Store.TryClaimAsync(renewedKey, firstTtl, CancellationToken.None));
        Assert.True(await Store.TryClaimAsync(releasedKey, firstTtl, CancellationToken.None));
        Assert.True(await Store.TryClaimAsync(expiredKey, firstTtl, CancellationToken.None));

        var renewed = await Store.RenewClaimAsync(renewedKey, firstTtl * 20, CancellationToken.None);
        await Store.ReleaseClaimAsync(releasedKey, CancellationToken.None);
        await LetTimePassAsync(firstTtl + TimeSpan.FromMilliseconds(100), expiredKey);

        Assert.True(renewed);
        Assert.False(await Store.TryClaimAsync(renewedKey, ClaimTtl, CancellationToken.None)); // held past its first TTL
        Assert.False(await Store.RenewClaimAsync(expiredKey, ClaimTtl, CancellationToken.None));
        Assert.False(await Store.RenewClaimAsync(releasedKey, ClaimTtl, CancellationToken.None));
        Assert.False(await Store.RenewClaimAsync(Some.String("never-claimed"), ClaimTtl, CancellationToken.None));
        Assert.True(await Store.TryClaimAsync(expiredKey, ClaimTtl, CancellationToken.None)); // a failed renewal took nothing
    }

    [Fact]
    public async Task AReleasedClaimCanBeTakenAgainAtOnce()
    {
        var key = Some.String("claim");
        Assert.True(await Store.TryClaimAsync(key, TimeSpan.FromMinutes(5), CancellationToken.None));

        await Store.ReleaseClaimAsync(key, CancellationToken.None);

        Assert.True(await Store.TryClaimAsync(key, TimeSpan.FromMinutes(5), CancellationToken.None));
        Assert.False(await Store.TryClaimAsync(key, TimeSpan.FromMinutes(5), CancellationToken.None));
    }

    [Fact]
    public async Task ConcurrentClaimsOfOneKeyHaveExactlyOneWinner()
    {
        var key = Some.String("webhook");

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => Store.TryClaimAsync(key, TimeSpan.FromMinutes(1), CancellationToken.None))));

        Assert.Single(results, r => r);
    }

    [Fact]
    public async Task TimelinesNumbersAndClaimsSurviveARestartOfTheStore()
    {
        var number = await Store.AllocateNumberAsync(CancellationToken.None);
        await Store.AppendAsync(number, 0, Notes(3), CancellationToken.None);
        var key = Some.String("claim");
        await Store.TryClaimAsync(key, TimeSpan.FromMinutes(10), CancellationToken.None);
        var before = await Store.ReadAsync(number, 0, CancellationToken.None);

        var restarted = CreateStore(Clock);

        Assert.Equal(before, await restarted.ReadAsync(number, 0, CancellationToken.None));
        Assert.Contains(number, await restarted.ListIncidentNumbersAsync(CancellationToken.None));
        Assert.True(await restarted.AllocateNumberAsync(CancellationToken.None) > number);
        Assert.False(await restarted.TryClaimAsync(key, TimeSpan.FromMinutes(10), CancellationToken.None));
        Assert.True((await restarted.AppendAsync(number, 3, Notes(1), CancellationToken.None)).Succeeded);
    }

    [Fact]
    public async Task AnAppendRecordsEachRequestKeyWithTheVersionsItsEventsLandedAt()
    {
        var number = await Store.AllocateNumberAsync(CancellationToken.None);
        var (first, second) = (Some.String("request"), Some.String("request"));
        await Store.AppendAsync(number, 0, Notes(1), CancellationToken.None);

        var result = await Store.AppendAsync(number, 1, [.. Keyed(Notes(2), first), .. Keyed(Notes(1), second)], CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.All(result.Appended, e => Assert.NotNull(e.RequestKey));
        Assert.Equal(new RecordedRequest(first, number, 2, 3), await Store.FindRequestAsync(first, CancellationToken.None));
        Assert.Equal(new RecordedRequest(second, number, 4, 4), await Store.FindRequestAsync(second, CancellationToken.None));
        Assert.Null(await Store.FindRequestAsync(Some.String("never-sent"), CancellationToken.None));
        Assert.Equal([null, first, first, second], (await Store.ReadAsync(number, 0, CancellationToken.None)).Select(e => e.RequestKey));
    }

    [Fact]
    public async Task TheSameRequestKeyASecondTimeAppendsNothingAndSaysWhereTheFirstLanded()
    {
        var number = await Store.AllocateNumberAsync(CancellationToken.None);
        var key = Some.String("request");
        await Store.AppendAsync(number, 0, Keyed(Notes(2), key), CancellationToken.None);

        var again = await Store.AppendAsync(number, 2, [.. Notes(1), .. Keyed(Notes(1), key)], CancellationToken.None);

        Assert.False(again.Succeeded);
        Assert.Empty(again.Appended);
        Assert.Equal(2, again.CurrentVersion);
        Assert.Equal([new RecordedRequest(key, number, 1, 2)], again.Duplicates);
        Assert.Equal(2, (await Store.ReadAsync(number, 0, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task ARequestKeyRecordedOnOneIncidentIsRefusedOnAnotherWhichStaysUnlisted()
    {
        var (a, b) = (await Store.AllocateNumberAsync(CancellationToken.None), await Store.AllocateNumberAsync(CancellationToken.None));
        var key = Some.String("request");
        await Store.AppendAsync(a, 0, Keyed(Notes(1), key), CancellationToken.None);

        var onB = await Store.AppendAsync(b, 0, Keyed(Notes(1), key), CancellationToken.None);

        Assert.Equal([new RecordedRequest(key, a, 1, 1)], onB.Duplicates);
        Assert.Empty(await Store.ReadAsync(b, 0, CancellationToken.None));
        Assert.DoesNotContain(b, await Store.ListIncidentNumbersAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ARequestKeyOnAConflictingAppendIsNotRecorded()
    {
        var number = await Store.AllocateNumberAsync(CancellationToken.None);
        var key = Some.String("request");
        await Store.AppendAsync(number, 0, Notes(1), CancellationToken.None);

        var stale = await Store.AppendAsync(number, 0, Keyed(Notes(1), key), CancellationToken.None);

        Assert.False(stale.Succeeded);
        Assert.Empty(stale.Duplicates);
        Assert.Null(await Store.FindRequestAsync(key, CancellationToken.None));
        Assert.True((await Store.AppendAsync(number, 1, Keyed(Notes(1), key), CancellationToken.None)).Succeeded);
    }

    [Fact]
    public async Task RequestKeysSurviveARestartOfTheHost()
    {
        var number = await Store.AllocateNumberAsync(CancellationToken.None);
        var key = Some.String("request");
        await Store.AppendAsync(number, 0, Keyed(Notes(1), key), CancellationToken.None);

        var restarted = CreateStore(Clock);

        Assert.Equal(new RecordedRequest(key, number, 1, 1), await restarted.FindRequestAsync(key, CancellationToken.None));
        Assert.Single((await restarted.AppendAsync(number, 1, Keyed(Notes(1), key), CancellationToken.None)).Duplicates);
    }

    [Fact]
    public async Task AConversationReferenceIsFoundAgainAfterARestartAndALaterSaveReplacesIt()
    {
        var key = Some.String("29:person");
        Assert.Null(await Store.FindConversationReferenceAsync("teams", key, CancellationToken.None));

        await Store.SaveConversationReferenceAsync("teams", key, """{"serviceUrl":"https://smba.example/emea/"}""", CancellationToken.None);
        await Store.SaveConversationReferenceAsync("slack", key, "slack's own", CancellationToken.None);
        var restarted = CreateStore(Clock);
        var first = await restarted.FindConversationReferenceAsync("teams", key, CancellationToken.None);
        await restarted.SaveConversationReferenceAsync("teams", key, """{"serviceUrl":"https://smba.example/amer/"}""", CancellationToken.None);

        Assert.Equal("""{"serviceUrl":"https://smba.example/emea/"}""", first);
        Assert.Equal("""{"serviceUrl":"https://smba.example/amer/"}""", await Store.FindConversationReferenceAsync("teams", key, CancellationToken.None));
        Assert.Equal("slack's own", await Store.FindConversationReferenceAsync("slack", key, CancellationToken.None));
        Assert.Null(await Store.FindConversationReferenceAsync("teams", key + "-other", CancellationToken.None));
    }

    [Fact]
    public async Task ADeclarationHandsOutTheNextNumberAndItsEventsBecomeThatIncidentsFirstVersions()
    {
        var before = await Store.AllocateNumberAsync(CancellationToken.None);
        var (group, key) = ($"{{}}:{{alertname=\"Declared{Guid.NewGuid():N}\"}}", Some.String("request"));
        IncidentEvent[] events =
        [
            new Declared("Checkout is failing", Severity.Sev1, IsPrivate: false, null) { Actor = Alice, Source = EventSource.Command },
            new AlertGroupLinked(group),
            new NoteAdded("incidentNumber 0 in a note stays as typed: \"incidentNumber\":0,") { Actor = Alice },
        ];

        var result = await Store.AppendNewIncidentAsync(Keyed(events, key), CancellationToken.None);

        var number = before + 1;
        Assert.True(result.Succeeded);
        Assert.Equal(3, result.CurrentVersion);
        Assert.All(result.Appended, e => Assert.Equal(number, e.IncidentNumber));
        var read = await Store.ReadAsync(number, 0, CancellationToken.None);
        Assert.Equal([1L, 2L, 3L], read.Select(e => e.Version));
        Assert.Equal(result.Appended, read);
        Assert.Equal("incidentNumber 0 in a note stays as typed: \"incidentNumber\":0,", Assert.IsType<NoteAdded>(read[2]).Text);
        Assert.Contains(number, await Store.ListIncidentNumbersAsync(CancellationToken.None));
        Assert.Equal(number, await Store.FindAlertGroupAsync(group, CancellationToken.None));
        Assert.Equal(new RecordedRequest(key, number, 1, 3), await Store.FindRequestAsync(key, CancellationToken.None));
        Assert.Equal(number + 1, await Store.AllocateNumberAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ADeclarationWithARequestKeySeenBeforeSpendsNoNumberAppendsNothingAndSaysWhereTheFirstLanded()
    {
        var key = Some.String("request");
        var first = await Store.AppendNewIncidentAsync(Keyed(Notes(2), key), CancellationToken.None);
        var number = first.Appended[0].IncidentNumber;

        var again = await Store.AppendNewIncidentAsync(Keyed(Notes(2), key), CancellationToken.None);

        Assert.False(again.Succeeded);
        Assert.Empty(again.Appended);
        Assert.Equal([new RecordedRequest(key, number, 1, 2)], again.Duplicates);
        Assert.Equal([number], await Store.ListIncidentNumbersAsync(CancellationToken.None));
        Assert.Empty(await Store.ReadAsync(number + 1, 0, CancellationToken.None));
        Assert.Equal(number + 1, await Store.AllocateNumberAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ConcurrentDeclarationsEachGetTheirOwnNumberAndOnlyTheirOwnEvents()
    {
        var texts = Enumerable.Range(0, 20).Select(i => $"declaration {i}").ToList();

        var results = await Task.WhenAll(texts.Select(t => Task.Run(() => Store.AppendNewIncidentAsync([new NoteAdded(t), new NoteAdded(t)], CancellationToken.None))));

        Assert.Equal(Enumerable.Range(1, 20), results.Select(r => r.Appended[0].IncidentNumber).Order());
        foreach (var result in results)
        {
            var read = await Store.ReadAsync(result.Appended[0].IncidentNumber, 0, CancellationToken.None);
            Assert.Equal(result.Appended.Select(e => ((NoteAdded)e).Text), read.Select(e => ((NoteAdded)e).Text));
            Assert.Single(read.Select(e => ((NoteAdded)e).Text).Distinct());
        }
    }

    private static IncidentEvent[] Keyed(IEnumerable<IncidentEvent> events, string key) => [.. events.Select(e => e with { RequestKey = key })];

    private static NoteAdded[] Notes(int count) =>
        [.. Enumerable.Range(0, count).Select(_ => new NoteAdded(Some.String("note")) { Source = EventSource.Command, Actor = Alice })];

    /// <summary>A clock that can be set backwards, which FakeTimeProvider refuses to do.</summary>
    private sealed class SettableClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
