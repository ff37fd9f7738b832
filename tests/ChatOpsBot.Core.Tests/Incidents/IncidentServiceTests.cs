using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsBot.Core.Tests.Incidents;

public class IncidentServiceTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 3, 14, 9, 0, 0, TimeSpan.Zero));
    private readonly InMemoryIncidentStore _store;
    private readonly IncidentService _service;
    private readonly Actor _alice = Some.Actor();

    public IncidentServiceTests()
    {
        _store = new InMemoryIncidentStore(_clock);
        _service = AnotherReplica();
    }

    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task CommandsThatArriveWhileAnAppendIsInFlightAreCommittedTogetherAndEachGetsItsOwnResult()
    {
        var number = (await DeclareAsync()).Incident.Number;
        var appendsBefore = _store.Appends;

        var results = await WhileTheFirstAppendIsHeldAsync(20, i =>
            _service.ExecuteAsync(number, inc => inc.AddNote($"note {i}"), new EventContext(_alice, EventSource.Command), Ct));

        Assert.All(results, r => Assert.True(r.Succeeded));
        Assert.Equal(Enumerable.Range(1, 20).Select(i => $"note {i}").Order(), results.Select(r => ((NoteAdded)Assert.Single(r.Appended)).Text).Order());
        Assert.Equal(20, _store.Timeline(number).OfType<NoteAdded>().Count());
        Assert.Equal(_store.Timeline(number).Select(e => e.Version), Enumerable.Range(1, _store.Timeline(number).Count).Select(v => (long)v));
        Assert.Equal(2, _store.Appends - appendsBefore); // the first command's append, then one for the nineteen queued behind it
    }

    [Fact]
    public async Task OfTenConcurrentResolvesExactlyOneSucceedsAndTheOthersAreToldItIsAlreadyResolved()
    {
        var number = (await DeclareAsync()).Incident.Number;

        var results = await WhileTheFirstAppendIsHeldAsync(10, _ =>
            _service.ExecuteAsync(number, inc => inc.Resolve("fixed"), new EventContext(_alice, EventSource.Command), Ct));

        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Contains("already resolved", r.Refusal, StringComparison.Ordinal));
        Assert.Single(_store.Timeline(number).OfType<Resolved>());
    }

    /// <summary>
    /// Sends command 1, holds its append in the store (a slow store) and sends commands 2 to <paramref name="count"/>
    /// while it is held, then lets it go. No sleep: ExecuteAsync queues its command before it first waits, so each
    /// of the others is queued once its call has returned.
    /// </summary>
    private async Task<CommandResult[]> WhileTheFirstAppendIsHeldAsync(int count, Func<int, Task<CommandResult>> send)
    {
        var appending = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _store.BeforeNextAppend(() =>
        {
            appending.SetResult();
            return release.Task;
        });

        var first = send(1);
        await appending.Task;
        var others = Enumerable.Range(2, count - 1).Select(send).ToList();
        Assert.False(first.IsCompleted, "the first command waits for its append");
        release.SetResult();
        return await Task.WhenAll([first, .. others]);
    }

    [Fact]
    public async Task DeclaringNumbersIncidentsInOrder()
    {
        var first = await DeclareAsync();
        var second = await DeclareAsync();

        Assert.Equal("INC-1", first.Incident.Key);
        Assert.Equal("INC-2", second.Incident.Key);
    }

    [Fact]
    public async Task DeclaringStampsEventsWithTheActorSourceAndUtcTime()
    {
        var result = await _service.DeclareAsync(new DeclareRequest(Some.Title()),
            new EventContext(_alice, EventSource.Api), Ct);

        Assert.All(_store.Timeline(result.Incident.Number), e =>
        {
            Assert.Equal(_alice, e.Actor);
            Assert.Equal(EventSource.Api, e.Source);
            Assert.Equal(_clock.GetUtcNow(), e.OccurredAt);
            Assert.Equal(result.Incident.Number, e.IncidentNumber);
        });
    }

    [Fact]
    public async Task DeclaringWithoutASeverityUsesTheConfiguredDefault()
    {
        var service = new IncidentService(_store, _clock, new IncidentSettings { DefaultSeverity = Severity.Sev4 });

        var result = await service.DeclareAsync(new DeclareRequest(Some.Title()), new EventContext(_alice, EventSource.Command), Ct);

        Assert.Equal(Severity.Sev4, result.Incident.Severity);
    }

    [Fact]
    public async Task AnEventThatHappenedEarlierInAnotherTimeZoneIsStoredInUtc()
    {
        var incident = (await DeclareAsync()).Incident;
        var pinnedAt = new DateTimeOffset(2025, 3, 14, 10, 30, 0, TimeSpan.FromHours(2));

        await _service.ExecuteAsync(incident.Number, i => i.AddNote(Some.String()),
            new EventContext(_alice, EventSource.PinnedMessage, pinnedAt), Ct);

        var note = _store.Timeline(incident.Number)[^1];
        Assert.Equal(TimeSpan.Zero, note.OccurredAt.Offset);
        Assert.Equal(new DateTimeOffset(2025, 3, 14, 8, 30, 0, TimeSpan.Zero), note.OccurredAt);
        Assert.Equal(EventSource.PinnedMessage, note.Source);
    }

    [Fact]
    public async Task ARefusedDeclarationAppendsNothingAndUsesNoNumber()
    {
        var refused = await _service.DeclareAsync(new DeclareRequest(" "), new EventContext(_alice, EventSource.Command), Ct);
        var declared = await DeclareAsync();

        Assert.Equal("An incident needs a title.", refused.Refusal);
        Assert.Equal("INC-1", declared.Incident.Key);
    }

    [Fact]
    public async Task ARefusedCommandAppendsNothing()
    {
        var incident = (await DeclareAsync()).Incident;

        var result = await _service.ExecuteAsync(incident.Number, i => i.Close(), Context(), Ct);

        Assert.False(result.Succeeded);
        Assert.Empty(result.Appended);
        Assert.Equal(incident.Version, _store.Timeline(incident.Number).Count);
    }

    [Fact]
    public async Task ACommandThatChangesNothingAppendsNothingAndSaysWhy()
    {
        var incident = (await DeclareAsync()).Incident;

        var result = await _service.ExecuteAsync(incident.Number, i => i.ChangeSeverity(incident.Severity), Context(), Ct);

        Assert.True(result.Succeeded);
        Assert.NotNull(result.NoChangeReason);
        Assert.Equal(incident.Version, _store.Timeline(incident.Number).Count);
    }

    [Fact]
    public async Task ACommandOnAnUnknownIncidentIsRefused()
    {
        var result = await _service.ExecuteAsync(99, i => i.AddNote(Some.String()), Context(), Ct);

        Assert.Equal("There is no INC-99.", result.Refusal);
        Assert.Empty(_store.Timeline(99));
    }

    [Fact]
    public async Task FiftyConcurrentNotesThroughOneServiceAllLand()
    {
        var incident = (await DeclareAsync()).Incident;
        var notes = Enumerable.Range(0, 50).Select(_ => Some.String("note")).ToList();

        var results = await Task.WhenAll(notes.Select(text =>
            Task.Run(() => _service.ExecuteAsync(incident.Number, i => i.AddNote(text), Context(), Ct), Ct)));

        Assert.All(results, r => Assert.True(r.Succeeded));
        var timeline = _store.Timeline(incident.Number);
        Assert.Equal(notes.Order(), timeline.OfType<NoteAdded>().Select(n => n.Text).Order());
        Assert.Equal(Enumerable.Range(1, timeline.Count).Select(v => (long)v), timeline.Select(e => e.Version));
        Assert.Equal(timeline.Count, (await _service.Reader.GetAsync(incident.Number, Ct)).Version);
    }

    [Fact]
    public async Task AConflictWithAnotherReplicaIsRetriedAndNoEventIsLost()
    {
        var incident = (await DeclareAsync()).Incident;
        var other = AnotherReplica();
        _store.BeforeNextAppend(() => other.ExecuteAsync(incident.Number, i => i.AddNote("from the other replica"), Context(), Ct));

        var result = await _service.ExecuteAsync(incident.Number, i => i.AddNote("from this replica"), Context(), Ct);

        Assert.Equal(1, _store.Conflicts);
        Assert.True(result.Succeeded);
        Assert.Equal(
            ["from the other replica", "from this replica"],
            _store.Timeline(incident.Number).OfType<NoteAdded>().Select(n => n.Text));
        Assert.Equal(4, result.Incident.Version);
    }

    [Fact]
    public async Task AVerbIsDecidedAgainOnTheLatestStateAfterAConflict()
    {
        var incident = (await DeclareAsync()).Incident;
        var other = AnotherReplica();
        _store.BeforeNextAppend(() => other.ExecuteAsync(incident.Number, i => i.Resolve(null), Context(), Ct));

        // Decided on the state it read, "resolve" was accepted; decided again on the latest, it must be refused.
        var result = await _service.ExecuteAsync(incident.Number, i => i.Resolve(null), Context(), Ct);

        Assert.Equal(1, _store.Conflicts);
        Assert.Equal("INC-1 is already resolved. Use `reopen` if it is back.", result.Refusal);
        Assert.Single(_store.Timeline(incident.Number).OfType<Resolved>());
    }

    [Fact]
    public async Task TwoReplicasWritingConcurrentlyLoseNoEvent()
    {
        var incident = (await DeclareAsync()).Incident;
        var replicas = new[] { _service, AnotherReplica() };
        var notes = Enumerable.Range(0, 40).Select(_ => Some.String("note")).ToList();

        var results = await Task.WhenAll(notes.Select((text, n) =>
            Task.Run(() => replicas[n % 2].ExecuteAsync(incident.Number, i => i.AddNote(text), Context(), Ct), Ct)));

        Assert.All(results, r => Assert.True(r.Succeeded));
        var timeline = _store.Timeline(incident.Number);
        Assert.Equal(notes.Order(), timeline.OfType<NoteAdded>().Select(n => n.Text).Order());
        Assert.Equal(timeline.Count, timeline.Select(e => e.Version).Distinct().Count());
    }

    [Fact]
    public async Task ACommandReadsOnlyTheEventsAfterTheCachedVersion()
    {
        var incident = (await DeclareAsync()).Incident;
        var filler = Enumerable.Range(0, 998).Select(n => (IncidentEvent)new NoteAdded($"note {n}") { IncidentNumber = incident.Number }).ToArray();
        await _store.AppendAsync(incident.Number, incident.Version, filler, Ct);
        var replica = AnotherReplica();
        var readBefore = _store.EventsRead;
        await replica.ExecuteAsync(incident.Number, i => i.AddNote("warm-up"), Context(), Ct);
        var readWarmingUp = _store.EventsRead - readBefore;
        readBefore = _store.EventsRead;

        var result = await replica.ExecuteAsync(incident.Number, i => i.AddNote("after warm-up"), Context(), Ct);

        Assert.Equal(1000, readWarmingUp);
        Assert.Equal(0, _store.EventsRead - readBefore);
        Assert.Equal(1002, result.Incident.Version);
    }

    [Fact]
    public async Task ACommandAfterAnotherReplicaWroteReadsOnlyThatReplicasEvent()
    {
        var incident = (await DeclareAsync()).Incident;
        await _service.Reader.GetAsync(incident.Number, Ct);
        await AnotherReplica().ExecuteAsync(incident.Number, i => i.AddNote(Some.String()), Context(), Ct);
        var readBefore = _store.EventsRead;

        await _service.ExecuteAsync(incident.Number, i => i.AddNote(Some.String()), Context(), Ct);

        Assert.Equal(1, _store.EventsRead - readBefore);
    }

    [Fact]
    public async Task FindByChannelFindsTheIncidentWhoseChannelWasOpenedThere()
    {
        await DeclareAsync();
        var incident = (await DeclareAsync()).Incident;
        var channel = Some.Channel();
        await _service.ExecuteAsync(incident.Number, _ => Decision.Accept(new ChannelOpened(channel)), Context(), Ct);

        // Another replica has never seen the incident, and the platform sends the id without the name.
        var found = await AnotherReplica().Reader.FindByChannelAsync(channel with { Name = null }, Ct);

        Assert.Equal(incident.Number, found?.Number);
    }

    [Fact]
    public async Task FindByChannelFindsNothingInAnOrdinaryChannel()
    {
        var incident = (await DeclareAsync()).Incident;
        var channel = Some.Channel();
        await _service.ExecuteAsync(incident.Number, _ => Decision.Accept(new ChannelOpened(channel)), Context(), Ct);

        Assert.Null(await _service.Reader.FindByChannelAsync(Some.Channel(), Ct));
        Assert.Null(await _service.Reader.FindByChannelAsync(channel with { Platform = "teams" }, Ct));
    }

    [Fact]
    public async Task ChangedIsRaisedWithTheAppendedEvents()
    {
        var incident = (await DeclareAsync()).Incident;
        IReadOnlyList<IncidentEvent>? seen = null;
        _service.Reader.Changed += (_, events) => seen = events;

        await _service.ExecuteAsync(incident.Number, i => i.AddNote("seen"), Context(), Ct);

        Assert.Equal("seen", Assert.IsType<NoteAdded>(Assert.Single(seen!)).Text);
    }

    private IncidentService AnotherReplica() => new(_store, _clock, new IncidentSettings());

    private EventContext Context() => new(_alice, EventSource.Command);

    private Task<CommandResult> DeclareAsync() =>
        _service.DeclareAsync(new DeclareRequest(Some.Title(), Severity.Sev2), Context(), Ct);
}
