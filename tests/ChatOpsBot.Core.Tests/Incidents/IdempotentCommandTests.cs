using ChatOpsBot.Core.Commands;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsBot.Core.Tests.Incidents;

/// <summary>A request key makes a replayed or retried command run once, and the second caller hears what the first did.</summary>
public class IdempotentCommandTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 3, 14, 9, 5, 7, TimeSpan.Zero));
    private readonly InMemoryIncidentStore _store;
    private readonly IncidentService _incidents;
    private readonly CommandHandler _handler;
    private readonly ConversationRef _general = new("slack", "CGENERAL", "general");
    private readonly Actor _alice = new("U1", "alice");

    public IdempotentCommandTests()
    {
        _store = new InMemoryIncidentStore(_clock);
        _incidents = new IncidentService(_store, _clock, new IncidentSettings());
        _handler = new CommandHandler(_incidents);
    }

    [Fact]
    public async Task AReplayedNoteIsRecordedOnceAndAnsweredAsTheFirstWas()
    {
        await _handler.HandleAsync("/incident declare sev2 Checkout down", _alice, _general, "k-declare", CancellationToken.None);

        var first = await _handler.HandleAsync("/incident INC-1 note restarted the pods", _alice, _general, "k-note", CancellationToken.None);
        var replay = await _handler.HandleAsync("/incident INC-1 note restarted the pods", _alice, _general, "k-note", CancellationToken.None);

        Assert.Equal(first.Replies, replay.Replies);
        Assert.Single(_store.Timeline(1).OfType<NoteAdded>());
    }

    [Fact]
    public async Task AReplayedDeclarationOpensOneIncidentAndSpendsNoNumber()
    {
        var first = await _handler.HandleAsync("/incident declare sev1 Payments down", _alice, _general, "k-1", CancellationToken.None);
        var replay = await _handler.HandleAsync("/incident declare sev1 Payments down", _alice, _general, "k-1", CancellationToken.None);
        var next = await _handler.HandleAsync("/incident declare sev3 Something else", _alice, _general, "k-2", CancellationToken.None);

        Assert.Equal(first.Replies, replay.Replies);
        Assert.Equal(1, replay.IncidentNumber);
        Assert.Equal(2, next.IncidentNumber);
    }

    [Fact]
    public async Task AReplayOfAResolutionIsAnsweredAsTheResolutionNotAsAlreadyResolved()
    {
        await _handler.HandleAsync("/incident declare sev2 Checkout down", _alice, _general, "k-declare", CancellationToken.None);
        var first = await _handler.HandleAsync("/incident INC-1 resolve fixed the config", _alice, _general, "k-resolve", CancellationToken.None);

        var replay = await _handler.HandleAsync("/incident INC-1 resolve fixed the config", _alice, _general, "k-resolve", CancellationToken.None);

        Assert.False(replay.Failed);
        Assert.Equal(first.Replies, replay.Replies);
        Assert.Single(_store.Timeline(1).OfType<Resolved>());
    }

    [Fact]
    public async Task ACommandAndItsReplayArrivingTogetherAreRecordedOnce()
    {
        var declared = await _incidents.DeclareAsync(new DeclareRequest("Checkout down"), new EventContext(_alice, EventSource.Command), CancellationToken.None);
        var context = new EventContext(_alice, EventSource.Command, RequestKey: "k-burst");

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            Task.Run(() => _incidents.ExecuteAsync(declared.Incident.Number, i => i.AddNote("one note"), context, CancellationToken.None))));

        var note = Assert.Single(_store.Timeline(declared.Incident.Number).OfType<NoteAdded>());
        Assert.Equal(19, results.Count(r => r.IsReplay));
        Assert.All(results, r => Assert.Equal(note.Version, r.Appended.Single().Version));
    }

    [Fact]
    public async Task CommandsWithoutAKeyAreRecordedEachTime()
    {
        await _handler.HandleAsync("/incident declare sev2 Checkout down", _alice, _general, CancellationToken.None);

        await _handler.HandleAsync("/incident INC-1 note same words", _alice, _general, CancellationToken.None);
        await _handler.HandleAsync("/incident INC-1 note same words", _alice, _general, CancellationToken.None);

        Assert.Equal(2, _store.Timeline(1).OfType<NoteAdded>().Count());
    }
}
