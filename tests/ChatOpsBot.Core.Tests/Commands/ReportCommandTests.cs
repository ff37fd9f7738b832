using ChatOpsBot.Core.Commands;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Reminders;
using ChatOpsBot.Core.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsBot.Core.Tests.Commands;

/// <summary>The report commands: the file they hand to platforms that share files, and the briefing's next update due.</summary>
public class ReportCommandTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 3, 14, 9, 0, 0, TimeSpan.Zero));
    private readonly IncidentService _incidents;
    private readonly ConversationRef _general = new("slack", "CGENERAL", "general");
    private readonly Actor _alice = new("U1", "alice");

    public ReportCommandTests()
    {
        _incidents = new IncidentService(new InMemoryIncidentStore(_clock), _clock, new IncidentSettings());
    }

    [Fact]
    public async Task ExportAttachesTheFileAndStillRepliesWithTheContentInline()
    {
        var handler = new CommandHandler(_incidents, clock: _clock);
        await handler.HandleAsync("declare sev2 Checkout down", _alice, _general, default);

        var outcome = await handler.HandleAsync("INC-1 export csv", _alice, _general, default);

        var attachment = Assert.IsType<CommandAttachment>(outcome.Attachment);
        Assert.Equal("INC-1-timeline.csv", attachment.File.FileName);
        Assert.StartsWith("time_utc,", attachment.File.Content, StringComparison.Ordinal);
        Assert.Equal("/api/incidents/1/timeline?format=csv", attachment.Link);
        Assert.Contains("INC-1-timeline.csv", attachment.Notice, StringComparison.Ordinal);
        // Platforms without files (the console) keep showing the export inline.
        Assert.Contains("```csv", Assert.Single(outcome.Replies).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostmortemAttachesTheDraftAsAMarkdownFileAndCountsTheSentencesToReview()
    {
        var handler = new CommandHandler(_incidents, clock: _clock);
        await handler.HandleAsync("declare sev2 Checkout down", _alice, _general, default);
        await handler.HandleAsync("INC-1 note Bob forgot the flag", _alice, _general, default);

        var outcome = await handler.HandleAsync("INC-1 postmortem", _alice, _general, default);

        Assert.Equal("INC-1-postmortem.md", outcome.Attachment!.File.FileName);
        Assert.StartsWith("# Postmortem draft: INC-1", outcome.Attachment.File.Content, StringComparison.Ordinal);
        Assert.Contains("1 sentence needs review", outcome.Attachment.Notice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheBriefingSaysWhenTheNextUpdateIsDueFromTheCadence()
    {
        var reminders = new ReminderSettings { StatusUpdateEvery = new Dictionary<Severity, TimeSpan> { [Severity.Sev2] = TimeSpan.FromMinutes(30) } };
        var handler = new CommandHandler(_incidents, clock: _clock, reminders: reminders);
        await handler.HandleAsync("declare sev2 Checkout down", _alice, _general, default);
        _clock.Advance(TimeSpan.FromMinutes(10));

        var brief = Assert.Single((await handler.HandleAsync("INC-1 brief", _alice, _general, default)).Replies).Text;

        Assert.Contains("Next update due: 2025-03-14 09:30:00 UTC (in 20m", brief, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutARemindersCadenceTheBriefingSaysNoneIsScheduled()
    {
        var handler = new CommandHandler(_incidents, clock: _clock);
        await handler.HandleAsync("declare sev2 Checkout down", _alice, _general, default);

        var brief = Assert.Single((await handler.HandleAsync("INC-1 brief", _alice, _general, default)).Replies).Text;

        Assert.Contains("Next update due: no reminder is scheduled", brief, StringComparison.Ordinal);
        Assert.Null((await handler.HandleAsync("INC-1 brief", _alice, _general, default)).Attachment);
    }
}
