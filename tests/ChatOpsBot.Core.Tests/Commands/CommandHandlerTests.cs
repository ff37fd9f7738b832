using System.Globalization;
using ChatOpsBot.Core.Commands;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsBot.Core.Tests.Commands;

public class CommandHandlerTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 3, 14, 9, 5, 7, TimeSpan.Zero));
    private readonly InMemoryIncidentStore _store;
    private readonly IncidentService _incidents;
    private readonly CommandHandler _handler;
    private readonly ConversationRef _general = new("slack", "CGENERAL", "general");
    private readonly Actor _alice = new("U1", "alice");
    private readonly Actor _bob = new("U2", "bob");
    private readonly Actor _mallory = new("U3", "mallory");

    public CommandHandlerTests()
    {
        _store = new InMemoryIncidentStore(_clock);
        _incidents = new IncidentService(_store, _clock, new IncidentSettings());
        _handler = new CommandHandler(_incidents);
    }

    [Fact]
    public async Task DeclaringRepliesWithTheNewIncidentKey()
    {
        var outcome = await HandleAsync("/incident declare sev2 Checkout down", _alice);

        Assert.False(outcome.Failed);
        Assert.Equal(1, outcome.IncidentNumber);
        Assert.Equal(
            "Declared INC-1 (SEV2): Checkout down. You are the incident commander; the incident channel is opening.",
            ReplyText(outcome));
    }

    [Fact]
    public async Task ATitleOverTheConfiguredLengthIsRefusedWithTheUsageAndNumbersNothing()
    {
        var outcome = await HandleAsync("declare sev2 " + new string('x', 151), _alice);

        Assert.True(outcome.Failed);
        Assert.Equal("⚠️ The title is 151 characters; keep it to 150.\nUsage: `/incident declare [sev1..sev4] [private] <title>`", ReplyText(outcome));
        Assert.Empty(await _store.ListIncidentNumbersAsync(default));
    }

    [Fact]
    public async Task DeclaringWithoutSeverityUsesTheDefault()
    {
        var outcome = await HandleAsync("declare Checkout down", _alice);

        Assert.StartsWith("Declared INC-1 (SEV3)", ReplyText(outcome));
    }

    [Fact]
    public async Task AParseErrorRepliesWithTheReasonAndTheUsage()
    {
        var outcome = await HandleAsync("INC-1 severity sev9", _alice);

        Assert.True(outcome.Failed);
        Assert.Equal("⚠️ \"sev9\" is not a severity; use sev1 to sev4.\nUsage: `/incident severity <sev1..sev4>`", ReplyText(outcome));
    }

    [Fact]
    public async Task ACommandInAnOrdinaryChannelWithoutAnIncidentAsksToNameIt()
    {
        await HandleAsync("declare Checkout down", _alice);

        var outcome = await HandleAsync("note Rolled back", _alice);

        Assert.True(outcome.Failed);
        Assert.StartsWith("⚠️ This channel is not an incident channel. Name the incident: `/incident INC-7 note ...`.", ReplyText(outcome));
        Assert.Contains("/incident note <text>", ReplyText(outcome));
        Assert.Empty(_store.Timeline(1).OfType<NoteAdded>());
    }

    [Fact]
    public async Task ACommandInTheIncidentChannelNeedsNoIncidentNumber()
    {
        await HandleAsync("declare Checkout down", _alice);
        var channel = await OpenChannelAsync(1);

        var outcome = await _handler.HandleAsync("note Rolled back", _alice, channel, CancellationToken.None);

        Assert.Equal("Noted on the INC-1 timeline.", ReplyText(outcome));
        Assert.Equal("Rolled back", Assert.Single(_store.Timeline(1).OfType<NoteAdded>()).Text);
    }

    [Fact]
    public async Task AnUnknownIncidentIsAClearErrorAndAppendsNothing()
    {
        var outcome = await HandleAsync("INC-99 note Rolled back", _alice);

        Assert.True(outcome.Failed);
        Assert.StartsWith("⚠️ There is no INC-99. `/incident list` shows the open ones.", ReplyText(outcome));
        Assert.Empty(_store.Timeline(99));
        Assert.Empty(await _store.ListIncidentNumbersAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ARefusalIsRepliedWithTheUsage()
    {
        await HandleAsync("declare Checkout down", _alice);

        var outcome = await HandleAsync("INC-1 close", _alice);

        Assert.True(outcome.Failed);
        Assert.Equal("⚠️ INC-1 is still investigating. Resolve it first: `resolve <summary>`.\nUsage: `/incident close`", ReplyText(outcome));
    }

    [Fact]
    public async Task HandingOverCommandRepliesWithTheNewCommander()
    {
        await HandleAsync("declare Checkout down", _alice);

        var outcome = await HandleAsync("INC-1 ic <@U2|bob>", _alice);

        Assert.Equal("@bob is now commander of INC-1.", ReplyText(outcome));
        Assert.Equal(_bob, (await _incidents.Reader.GetAsync(1, CancellationToken.None)).Commander);
    }

    [Fact]
    public async Task AssigningTheCurrentHolderRepliesThatNothingChanged()
    {
        await HandleAsync("declare Checkout down", _alice);
        var versionBefore = _store.Timeline(1).Count;

        var outcome = await HandleAsync("INC-1 commander <@U1|alice>", _alice);

        Assert.False(outcome.Failed);
        Assert.Equal("@alice is already commander of INC-1.", ReplyText(outcome));
        Assert.Equal(versionBefore, _store.Timeline(1).Count);
    }

    // Private incidents

    [Fact]
    public async Task APrivateIncidentIsLeftOutOfAnOutsidersList()
    {
        await HandleAsync("declare sev1 private Payroll export leaked", _alice);
        await HandleAsync("declare sev3 Slow search", _bob);

        var outsider = ReplyText(await HandleAsync("list", _mallory));
        var declarer = ReplyText(await HandleAsync("list", _alice));

        Assert.DoesNotContain("Payroll", outsider);
        Assert.DoesNotContain("INC-1", outsider);
        Assert.Contains("INC-2", outsider);
        Assert.Contains("INC-1 · SEV1 · investigating · Payroll export leaked", declarer);
    }

    [Fact]
    public async Task APrivateIncidentLooksUnknownToAnOutsiderAndTheirCommandAppendsNothing()
    {
        await HandleAsync("declare private Payroll export leaked", _alice);
        var versionBefore = _store.Timeline(1).Count;

        var outcome = await HandleAsync("INC-1 note I was here", _mallory);

        Assert.True(outcome.Failed);
        Assert.StartsWith("⚠️ There is no INC-1.", ReplyText(outcome));
        Assert.Equal(versionBefore, _store.Timeline(1).Count);
    }

    [Fact]
    public async Task APrivateIncidentsRolesAndTimelineAreHiddenFromOutsiders()
    {
        await HandleAsync("declare private Payroll export leaked", _alice);

        var roles = ReplyText(await HandleAsync("INC-1 roles", _mallory));
        var timeline = ReplyText(await HandleAsync("INC-1 timeline", _mallory));

        Assert.DoesNotContain("@alice", roles);
        Assert.DoesNotContain("Payroll", timeline);
    }

    [Fact]
    public async Task SomeoneGivenARoleInAPrivateIncidentCanActOnIt()
    {
        await HandleAsync("declare private Payroll export leaked", _alice);
        await HandleAsync("INC-1 scribe <@U2|bob>", _alice);

        var outcome = await HandleAsync("INC-1 note Rotated the keys", _bob);

        Assert.Equal("Noted on the INC-1 timeline.", ReplyText(outcome));
    }

    // Views

    [Fact]
    public async Task RolesShowsEveryConfiguredRoleAndItsHolder()
    {
        await HandleAsync("declare Checkout down", _alice);
        await HandleAsync("INC-1 scribe <@U2|bob>", _alice);

        var outcome = await HandleAsync("INC-1 roles", _alice);

        Assert.Equal(
            "Roles on INC-1:\n• commander: @alice\n• scribe: @bob\n• communications: unassigned\n• operations: unassigned",
            ReplyText(outcome));
    }

    [Fact]
    public async Task TimelineShowsEachEventWithItsUtcTimeAndLeavesOutBookkeeping()
    {
        await HandleAsync("declare sev2 Checkout down", _alice);
        _clock.Advance(TimeSpan.FromMinutes(3));
        await HandleAsync("INC-1 note Error rate 40%", _bob);
        await _incidents.ExecuteAsync(1, _ => Decision.Accept(new TopicSet("SEV2 · Investigating")), new EventContext(Actor.Bot, EventSource.Bot), CancellationToken.None);

        var outcome = await HandleAsync("INC-1 timeline", _alice);

        Assert.Equal(
            "Timeline of INC-1 (UTC):\n"
            + "2025-03-14 09:05:07 @alice declared INC-1 (SEV2): Checkout down\n"
            + "2025-03-14 09:05:07 @alice is commander\n"
            + "2025-03-14 09:08:07 Note: Error rate 40%",
            ReplyText(outcome));
    }

    [Theory]
    [InlineData("fi-FI")]
    [InlineData("th-TH")]
    public async Task TimelineTimesDoNotDependOnTheServersCulture(string culture)
    {
        await HandleAsync("declare Checkout down", _alice);
        var before = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo(culture);
        try
        {
            var outcome = await HandleAsync("INC-1 timeline", _alice);

            Assert.Contains("\n2025-03-14 09:05:07 @alice declared INC-1", ReplyText(outcome));
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public async Task TimelineShowsOnlyTheLatestThirtyEntriesAndSaysHowManyAreLeftOut()
    {
        await HandleAsync("declare Checkout down", _alice);
        for (var n = 1; n <= 35; n++)
        {
            await HandleAsync($"INC-1 note Note {n}", _alice);
        }

        var text = ReplyText(await HandleAsync("INC-1 timeline", _alice));

        Assert.Contains("… 7 earlier entries; read the whole timeline at /incidents/1", text);
        Assert.EndsWith("Note: Note 35", text);
        Assert.DoesNotContain("Note: Note 5\n", text);
    }

    [Fact]
    public async Task ListShowsOpenIncidentsWorstFirstWithCommanderAndChannel()
    {
        await HandleAsync("declare sev3 Slow search", _alice);
        await HandleAsync("declare sev1 Checkout down", _bob);
        await HandleAsync("declare sev2 Resolved already", _bob);
        await HandleAsync("INC-3 resolve", _bob);
        await OpenChannelAsync(2, "inc-2-checkout-down");

        var outcome = await HandleAsync("list", _alice);

        Assert.Equal(
            "2 open incidents:\n"
            + "• INC-2 · SEV1 · investigating · Checkout down · IC @bob · #inc-2-checkout-down\n"
            + "• INC-1 · SEV3 · investigating · Slow search · IC @alice",
            ReplyText(outcome));
    }

    [Fact]
    public async Task ListWithNothingOpenSaysSo()
    {
        Assert.Equal("No open incidents. 🎉", ReplyText(await HandleAsync("list", _alice)));
    }

    [Fact]
    public async Task HelpWithATopicRepliesWithThatUsage()
    {
        Assert.StartsWith("`/incident action <text> [@owner] [due <when>]`\nAdd an action item", ReplyText(await HandleAsync("help action", _alice)), StringComparison.Ordinal);
    }

    private Task<CommandOutcome> HandleAsync(string text, Actor actor) =>
        _handler.HandleAsync(text, actor, _general, CancellationToken.None);

    private async Task<ConversationRef> OpenChannelAsync(int number, string? name = null)
    {
        var channel = new ConversationRef("slack", $"C{Some.Int()}", name ?? $"inc-{number}");
        await _incidents.ExecuteAsync(number, _ => Decision.Accept(new ChannelOpened(channel)), new EventContext(Actor.Bot, EventSource.Bot), CancellationToken.None);
        return channel;
    }

    private static string ReplyText(CommandOutcome outcome) => Assert.Single(outcome.Replies).Text;
}
