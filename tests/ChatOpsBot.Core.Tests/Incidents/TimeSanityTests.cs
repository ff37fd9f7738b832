using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Statistics;
using ChatOpsBot.Core.Tests.Support;
using ChatOpsBot.Core.Timeline;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsBot.Core.Tests.Incidents;

/// <summary>A sender's time that cannot be true (year 2, next month) is replaced by the receive time, and the event says so.</summary>
public class TimeSanityTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 3, 14, 9, 5, 7, TimeSpan.Zero));
    private readonly IncidentService _incidents;
    private readonly Actor _alice = new("U1", "alice");

    public TimeSanityTests() => _incidents = new IncidentService(new InMemoryIncidentStore(_clock), _clock, new IncidentSettings());

    [Theory]
    [InlineData("0002-01-01T00:00:00Z")]
    [InlineData("1999-12-31T23:59:59Z")]
    [InlineData("2025-03-15T09:05:08Z")] // a day and a second ahead
    [InlineData("9999-12-31T23:59:59Z")]
    public async Task AnUnbelievableTimeIsReplacedByTheReceiveTimeAndKeptAsClaimed(string claimed)
    {
        var at = DateTimeOffset.Parse(claimed, System.Globalization.CultureInfo.InvariantCulture);

        var note = await NoteAtAsync(at);

        Assert.Equal(_clock.GetUtcNow(), note.OccurredAt);
        Assert.Equal(at, note.ClaimedOccurredAt);
        Assert.Contains("time corrected: the sender said", TimelineText.Describe(note), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2000-01-01T00:00:00Z")]
    [InlineData("2025-03-14T08:00:00Z")]
    [InlineData("2025-03-15T09:05:07Z")] // exactly the allowed skew ahead
    public async Task ABelievableTimeIsKept(string claimed)
    {
        var at = DateTimeOffset.Parse(claimed, System.Globalization.CultureInfo.InvariantCulture);

        var note = await NoteAtAsync(at);

        Assert.Equal(at, note.OccurredAt);
        Assert.Null(note.ClaimedOccurredAt);
    }

    [Fact]
    public async Task AnAlertFromYearTwoDoesNotPoisonTheTimeToDetect()
    {
        var declared = await _incidents.DeclareAsync(new DeclareRequest("Checkout down"), new EventContext(_alice, EventSource.Command), CancellationToken.None);

        var fired = await _incidents.ExecuteAsync(declared.Incident.Number,
            _ => Decision.Accept(new AlertFired("g", "f", "CheckoutErrors", new Dictionary<string, string>(), [])
            {
                OccurredAt = new DateTimeOffset(2, 1, 1, 0, 0, 0, TimeSpan.Zero),
            }),
            new EventContext(Actor.Bot, EventSource.Alert), CancellationToken.None);

        Assert.Equal(_clock.GetUtcNow(), fired.Incident.DetectedAt);
    }

    [Fact]
    public async Task AYearTwoTimeStoredBeforeIntakeCheckedTimesIsCorrectedWhenReadAndMttaStaysSane()
    {
        var store = new InMemoryIncidentStore(_clock);
        var writer = new IncidentService(store, _clock, new IncidentSettings());
        var declared = await writer.DeclareAsync(new DeclareRequest("Checkout down"), new EventContext(_alice, EventSource.Command), CancellationToken.None);
        var yearTwo = new DateTimeOffset(2, 1, 1, 0, 0, 0, TimeSpan.Zero);
        _clock.Advance(TimeSpan.FromMinutes(3));
        // What an older version stored: the alert's startsAt as sent, appended straight to the store.
        await store.AppendAsync(declared.Incident.Number, declared.Incident.Version,
            [new AlertFired("g", "f", "CheckoutErrors", new Dictionary<string, string>(), [])
            {
                IncidentNumber = declared.Incident.Number, Actor = Actor.Bot, Source = EventSource.Alert, OccurredAt = yearTwo,
            }], CancellationToken.None);

        var reader = new IncidentReader(store, new IncidentSettings()); // a replica reading it now
        var fired = (await reader.ReadTimelineAsync(declared.Incident.Number, CancellationToken.None)).OfType<AlertFired>().Single();
        var incident = await reader.GetAsync(declared.Incident.Number, CancellationToken.None);
        var stats = await IncidentStatistics.ComputeAsync(reader, _clock.GetUtcNow(), 7, CancellationToken.None);

        Assert.Equal(_clock.GetUtcNow(), fired.OccurredAt);
        Assert.Equal(yearTwo, fired.ClaimedOccurredAt);
        Assert.Contains("time corrected: the sender said 0002-01-01", TimelineText.Describe(fired), StringComparison.Ordinal);
        Assert.True(incident.DetectedAt >= declared.Incident.DeclaredAt.AddDays(-1), $"detected at {incident.DetectedAt}");
        Assert.Equal(1, stats.All.TimeToAcknowledge.Count);
        Assert.True(stats.All.TimeToAcknowledge.Median < TimeSpan.FromHours(1), $"MTTA {stats.All.TimeToAcknowledge.Median}");
    }

    private async Task<IncidentEvent> NoteAtAsync(DateTimeOffset at)
    {
        var declared = await _incidents.DeclareAsync(new DeclareRequest("Checkout down"), new EventContext(_alice, EventSource.Command), CancellationToken.None);
        var result = await _incidents.ExecuteAsync(declared.Incident.Number, i => i.AddNote("from Slack"),
            new EventContext(_alice, EventSource.PinnedMessage, at), CancellationToken.None);
        return result.Appended.Single();
    }
}
