using ChatOpsBot.Core.Commands;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Postmortems;
using ChatOpsBot.Core.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsBot.Core.Tests.Commands;

public class ReviewCommandTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 3, 14, 9, 0, 0, TimeSpan.Zero));
    private readonly CommandHandler _handler;
    private readonly ConversationRef _general = new("slack", "CGENERAL", "general");
    private readonly Actor _alice = new("U1", "alice");

    public ReviewCommandTests()
    {
        _handler = new CommandHandler(new IncidentService(new InMemoryIncidentStore(_clock), _clock, new IncidentSettings()), clock: _clock);
    }

    [Fact]
    public async Task ReviewListsEachFlaggedSentenceOfTheTimelineSoFarWithItsKindAndPrompt()
    {
        await _handler.HandleAsync("declare sev2 Checkout down", _alice, _general, default);
        await _handler.HandleAsync("INC-1 note Rolled back at 09:20. Bob botched the deploy.", _alice, _general, default);
        await _handler.HandleAsync("INC-1 update We should have paged the DBA earlier.", _alice, _general, default);

        var reply = Assert.Single((await _handler.HandleAsync("INC-1 review", _alice, _general, default)).Replies).Text;

        Assert.StartsWith("🔎 Blameless review of INC-1: 2 sentences need review before sharing.", reply, StringComparison.Ordinal);
        Assert.Contains($"1. \"Bob botched the deploy.\" — {BlameKind.SubjectJudgement.Label()} (note by @alice", reply, StringComparison.Ordinal);
        Assert.Contains(BlameKind.SubjectJudgement.Prompt(), reply, StringComparison.Ordinal);
        Assert.Contains($"2. \"We should have paged the DBA earlier.\" — {BlameKind.Hindsight.Label()} (status update by @alice", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("Rolled back", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReviewOfANeutralTimelineSaysNothingNeedsReviewAndChangesNothing()
    {
        await _handler.HandleAsync("declare sev2 Checkout down", _alice, _general, default);
        await _handler.HandleAsync("INC-1 note Mei scaled the pool to 40 at 09:10.", _alice, _general, default);

        var outcome = await _handler.HandleAsync("INC-1 review", _alice, _general, default);

        Assert.False(outcome.Failed);
        Assert.Contains("no sentence in the notes, updates, summaries or action items so far reads as blame", Assert.Single(outcome.Replies).Text, StringComparison.Ordinal);
    }
}
