using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsBot.Core.Tests.Incidents;

/// <summary>
/// With append announcements trusted (as the host does once it listens to the store's feed), a replica's own commands
/// cost one append each and no read; it reads only what another replica announced.
/// </summary>
public class IncidentServiceReadBackTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 3, 14, 9, 0, 0, TimeSpan.Zero));
    private readonly InMemoryIncidentStore _store;
    private readonly IncidentService _service;
    private readonly EventContext _alice = new(Some.Actor(), EventSource.Command);

    public IncidentServiceReadBackTests()
    {
        _store = new InMemoryIncidentStore(_clock);
        _service = Replica();
    }

    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task OwnDeclareAndNotesAreServedFromTheAppendsOwnResultsWithoutReadingBack()
    {
        var number = (await _service.DeclareAsync(new DeclareRequest(Some.Title(), Severity.Sev2), _alice, Ct)).Incident.Number;
        var readsBefore = _store.Reads;

        for (var i = 1; i <= 10; i++)
        {
            await _service.ExecuteAsync(number, inc => inc.AddNote($"note {i}"), _alice, Ct);
            var seen = await _service.Reader.GetAsync(number, Ct);
            Assert.Equal(_store.Timeline(number).Count, seen.Version);
        }

        Assert.Equal(readsBefore, _store.Reads);
    }

    [Fact]
    public async Task AnotherReplicasAnnouncedAppendIsReadOnceAndOnlyFromTheCachedVersion()
    {
        var number = (await _service.DeclareAsync(new DeclareRequest(Some.Title(), Severity.Sev2), _alice, Ct)).Incident.Number;
        var other = new IncidentService(_store, _clock, new IncidentSettings());
        var noted = await other.ExecuteAsync(number, inc => inc.AddNote("from the other replica"), _alice, Ct);
        var readsBefore = _store.Reads;
        var eventsReadBefore = _store.EventsRead;
        var told = new List<int>();
        _service.Reader.ChangedElsewhere += told.Add;

        _service.Reader.Announced(number, noted.Incident.Version);
        var first = await _service.Reader.GetAsync(number, Ct);
        var second = await _service.Reader.GetAsync(number, Ct);

        Assert.Equal([number], told);
        Assert.Equal(noted.Incident.Version, first.Version); // the other replica's note is in the fold
        Assert.Equal(noted.Incident.Version, second.Version);
        Assert.Equal(readsBefore + 1, _store.Reads);
        Assert.Equal(eventsReadBefore + 1, _store.EventsRead); // only the new note, not the timeline
    }

    [Fact]
    public async Task OwnAnnouncementsComingBackCauseNoRead()
    {
        var declared = await _service.DeclareAsync(new DeclareRequest(Some.Title(), Severity.Sev2), _alice, Ct);
        var readsBefore = _store.Reads;
        var told = new List<int>();
        _service.Reader.ChangedElsewhere += told.Add;

        _service.Reader.Announced(declared.Incident.Number, declared.Incident.Version);
        await _service.Reader.GetAsync(declared.Incident.Number, Ct);

        Assert.Empty(told);
        Assert.Equal(readsBefore, _store.Reads);
    }

    [Fact]
    public async Task AfterAnnouncementsMayHaveBeenLostEveryIncidentIsReadOnceBeforeItsCacheIsTrustedAgain()
    {
        var number = (await _service.DeclareAsync(new DeclareRequest(Some.Title(), Severity.Sev2), _alice, Ct)).Incident.Number;
        // Appended by another replica while this one was not listening: no announcement ever arrives.
        var missed = await new IncidentService(_store, _clock, new IncidentSettings()).ExecuteAsync(number, inc => inc.AddNote("missed"), _alice, Ct);
        var readsBefore = _store.Reads;

        _service.Reader.AnnouncementsMayHaveBeenLost();
        var caughtUp = await _service.Reader.GetAsync(number, Ct);
        await _service.Reader.GetAsync(number, Ct);

        Assert.Equal(missed.Incident.Version, caughtUp.Version);
        Assert.Equal(readsBefore + 1, _store.Reads);
    }

    [Fact]
    public async Task WithoutAnnouncementsEveryGetAsksTheStore()
    {
        var untrusting = new IncidentService(_store, _clock, new IncidentSettings());
        var number = (await untrusting.DeclareAsync(new DeclareRequest(Some.Title(), Severity.Sev2), _alice, Ct)).Incident.Number;
        var readsBefore = _store.Reads;

        await untrusting.Reader.GetAsync(number, Ct);
        await untrusting.Reader.GetAsync(number, Ct);

        Assert.Equal(readsBefore + 2, _store.Reads);
    }

    [Fact]
    public async Task AnAlertGroupNobodyDeclaredIsAnsweredByTheStoreIndexWithoutListingOrReadingEveryIncident()
    {
        for (var i = 0; i < 20; i++)
        {
            await _service.DeclareAsync(new DeclareRequest(Some.Title(), Severity.Sev2), _alice, Ct);
        }

        var (lists, reads) = (_store.Lists, _store.Reads);

        var none = await _service.Reader.FindByAlertGroupAsync("{}:{alertname=\"NeverSeen\"}", Ct);

        Assert.Null(none);
        Assert.Equal(lists, _store.Lists);
        Assert.Equal(reads, _store.Reads);
    }

    [Fact]
    public async Task AnAlertGroupAnotherReplicaDeclaredIsFoundThroughTheStoreIndex()
    {
        const string group = "{}:{alertname=\"DiskFull\"}";
        var other = new IncidentService(_store, _clock, new IncidentSettings());
        var declared = await other.DeclareAsync(new DeclareRequest("Disk full", Severity.Sev2) { With = [new AlertGroupLinked(group)] }, _alice, Ct);

        var found = await _service.Reader.FindByAlertGroupAsync(group, Ct);

        Assert.Equal(declared.Incident.Number, found?.Number);
    }

    private IncidentService Replica()
    {
        var service = new IncidentService(_store, _clock, new IncidentSettings());
        service.Reader.TrustAnnouncements();
        return service;
    }
}
