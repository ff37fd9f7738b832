using ChatOpsBot.Core.Commands;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Postmortems;
using ChatOpsBot.Core.Reminders;
using ChatOpsBot.Core.Tests.Support;
using ChatOpsBot.Core.Timeline;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsBot.Core.Tests.Commands;

/// <summary>The responders' commands through the handler: what the person typing sees, and what is (not) recorded.</summary>
public class ResponderCommandTests
{
    private static readonly TimeZoneInfo Helsinki = TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki");

    // Thursday 2026-12-03 10:00 UTC.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero));
    private readonly InMemoryIncidentStore _store;
    private readonly IncidentService _incidents;
    private readonly CommandHandler _handler;
    private readonly ConversationRef _general = new("slack", "CGENERAL", "general");
    private readonly Actor _alice = new("U1", "alice");

    public ResponderCommandTests()
    {
        _store = new InMemoryIncidentStore(_clock);
        _incidents = new IncidentService(_store, _clock, new IncidentSettings());
        var timeline = new TimelineSettings(Helsinki);
        _handler = new CommandHandler(_incidents, new PostmortemCompiler(timeline, BlamelessReview.Default), new TimelineExporter(timeline), _clock,
            timeline: timeline);
    }

    [Theory]
    [InlineData("declare sev5 Payments down")]
    [InlineData("declare sev 1 Login broken")]
    [InlineData("declare critical Payments down")]
    [InlineData("declare p1 Payments down")]
    [InlineData("declare sev0 Payments down")]
    public async Task ASeverityLookAlikeDeclaresNothing(string text)
    {
        var outcome = await Say(text);

        Assert.True(outcome.Failed);
        Assert.Contains("Usage: `/incident declare [sev1..sev4] [private] <title>`", Text(outcome), StringComparison.Ordinal);
        Assert.Empty(await _store.ListIncidentNumbersAsync(default));
    }

    [Fact]
    public async Task AMistypedSubcommandGetsASuggestionAndOneUsageNotTheWholeHelp()
    {
        var reply = Text(await Say("declar Payments down"));

        Assert.Equal("⚠️ I don't know the command \"declar\". Did you mean `declare`?\nUsage: `/incident declare [sev1..sev4] [private] <title>`", reply);
        Assert.Empty(await _store.ListIncidentNumbersAsync(default));
    }

    [Fact]
    public async Task AMistypedRoleGetsASuggestionAndNothingIsAssigned()
    {
        await Say("declare sev2 Checkout down");

        var reply = Text(await Say("INC-1 role scrib @bob"));

        Assert.StartsWith("⚠️ There is no role \"scrib\". Did you mean `scribe`?", reply, StringComparison.Ordinal);
        Assert.Null((await _incidents.Reader.GetAsync(1, default)).Scribe);
    }

    [Fact]
    public async Task HelpForOneSubcommandIsThatSubcommandOnly()
    {
        var reply = Text(await Say("help action done"));

        Assert.StartsWith("`/incident action done <n>`\nMark action item n done", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCommanderCanLeaveTheRole()
    {
        await Say("declare sev2 Checkout down");

        Assert.Equal("@alice is no longer commander of INC-1; nobody leads it now. Take it with `/incident commander @you`.", Text(await Say("INC-1 commander none")));
        Assert.Null((await _incidents.Reader.GetAsync(1, default)).Commander);
        Assert.Equal("Nobody is commander of INC-1.", Text(await Say("INC-1 role commander none")));
    }

    [Fact]
    public async Task AnActionItemDueOnADayConfirmsTheDayInTheTeamsZoneAndUtc()
    {
        await Say("declare sev2 Checkout down");

        var reply = Text(await Say("INC-1 action Add a canary @carol due friday"));

        Assert.Equal("Action item #1 added to INC-1, owned by @carol. Due Fri 2026-12-04 23:59 Europe/Helsinki (2026-12-04 21:59:59 UTC).", reply);
        var item = Assert.Single((await _incidents.Reader.GetAsync(1, default)).ActionItems);
        Assert.Equal(new DateTimeOffset(2026, 12, 4, 21, 59, 59, TimeSpan.Zero), item.DueAt);
    }

    [Fact]
    public async Task AnActionItemDueInThePastAddsNothing()
    {
        await Say("declare sev2 Checkout down");

        var outcome = await Say("INC-1 action Add a canary due 2026-12-01");

        Assert.True(outcome.Failed);
        Assert.StartsWith("⚠️ \"2026-12-01\" is in the past", Text(outcome), StringComparison.Ordinal);
        Assert.Empty((await _incidents.Reader.GetAsync(1, default)).ActionItems);
    }

    [Fact]
    public async Task TheActionItemLifeCycleShowsInTheListTheStatsAndThePostmortem()
    {
        await Say("declare sev2 Checkout down");
        await Say("INC-1 action Add a canary @carol due tomorrow");
        await Say("INC-1 action Alert on pool saturation due 1h");
        await Say("INC-1 action Write the runbook");

        Assert.Equal("✅ Action item #1 of INC-1 is done: Add a canary", Text(await Say("INC-1 action done 1")));
        Assert.Equal("@dave now owns action item #3 of INC-1.", Text(await Say("INC-1 action owner 3 @dave")));
        Assert.Equal("Action item #3 of INC-1 is now due Wed 2026-12-09 23:59 Europe/Helsinki (2026-12-09 21:59:59 UTC).", Text(await Say("INC-1 action due 3 wednesday")));
        _clock.Advance(TimeSpan.FromHours(2)); // #2 is now overdue

        var list = Text(await Say("INC-1 actions"));
        Assert.StartsWith("Action items of INC-1: 2 open, 1 done, 1 overdue", list, StringComparison.Ordinal);
        Assert.Contains("• #1 ✅ done · Add a canary · @carol · due Fri 2026-12-04 23:59 Europe/Helsinki", list, StringComparison.Ordinal);
        Assert.Contains("• #2 ⏰ overdue · Alert on pool saturation · no owner · due", list, StringComparison.Ordinal);
        Assert.Contains("• #3 ☐ open · Write the runbook · @dave · due Wed 2026-12-09", list, StringComparison.Ordinal);

        Assert.Contains("Action items: 2 open (1 overdue), 1 done", Text(await Say("stats 7d")), StringComparison.Ordinal);

        var draft = new PostmortemCompiler(new TimelineSettings(Helsinki), BlamelessReview.Default).Compile(await _incidents.Reader.ReadTimelineAsync(1, default)).Markdown;
        Assert.Contains("| 1 | Add a canary | @carol | 2026-12-04 21:59:59 UTC (2026-12-04 23:59:59 +02:00) | done 2026-12-03 10:00:00 UTC |", draft, StringComparison.Ordinal);
        Assert.Contains("| 3 | Write the runbook | @dave | 2026-12-09 21:59:59 UTC (2026-12-09 23:59:59 +02:00) | open |", draft, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ActionItemsAreManagedAfterClose()
    {
        await Say("declare sev2 Checkout down");
        await Say("INC-1 action Add a canary");
        await Say("INC-1 resolve Rolled back");
        await Say("INC-1 close");

        Assert.False((await Say("INC-1 action done 1")).Failed);
        Assert.False((await Say("INC-1 action Write the runbook due 2d")).Failed);
        Assert.Equal(2, (await _incidents.Reader.GetAsync(1, default)).ActionItems.Count);
    }

    [Fact]
    public async Task AVerbOnAMissingItemIsRefusedAndAppendsNothing()
    {
        await Say("declare sev2 Checkout down");
        var version = (await _incidents.Reader.GetAsync(1, default)).Version;

        var outcome = await Say("INC-1 action done 4");

        Assert.Equal("⚠️ INC-1 has no action items yet.\nUsage: `/incident action done <n>`", Text(outcome));
        Assert.Equal(version, (await _incidents.Reader.GetAsync(1, default)).Version);
    }

    private Task<CommandOutcome> Say(string text) => _handler.HandleAsync(text, _alice, _general, CancellationToken.None);

    private static string Text(CommandOutcome outcome) => Assert.Single(outcome.Replies).Text;
}
