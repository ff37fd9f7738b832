using ChatOpsBot.Core.Commands;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Tests.Support;

namespace ChatOpsBot.Core.Tests.Incidents;

/// <summary>
/// When the store takes an append but its answer never arrives (Redis frozen past the client's timeout), the bot
/// must neither say "nothing was changed" nor record the retry twice; the follow-up says what really happened.
/// </summary>
public class UnansweredAppendTests
{
    private readonly ConversationRef _general = new("slack", "CGENERAL", "general");
    private readonly Actor _alice = new("U1", "alice");

    [Fact]
    public async Task AnAppendThatLandedWithoutAnAnswerIsReportedAsMaybeAndFollowedUpAsRecorded()
    {
        var (store, handler) = await DeclaredAsync();
        store.NextAppend = Answerless.LandsThenTimesOut;

        var outcome = await handler.HandleAsync("/incident INC-1 note rolled back", _alice, _general, "k-1", CancellationToken.None);

        Assert.True(outcome.Failed);
        Assert.Contains(CommandHandler.OutcomeUnknownRetrySafe, outcome.Replies[0].Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("nothing was changed", outcome.Replies[0].Text, StringComparison.OrdinalIgnoreCase);
        var followUp = await outcome.FollowUp!.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(["✅ It was recorded after all.", "Noted on the INC-1 timeline."], followUp.Replies.Select(r => r.Text));
        Assert.Single(store.Inner.Timeline(1).OfType<NoteAdded>());
    }

    [Fact]
    public async Task AnAppendThatNeverLandedIsFollowedUpAsNotRecorded()
    {
        var (store, handler) = await DeclaredAsync();
        store.NextAppend = Answerless.LostThenTimesOut;

        var outcome = await handler.HandleAsync("/incident INC-1 note rolled back", _alice, _general, "k-1", CancellationToken.None);

        var followUp = await outcome.FollowUp!.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.StartsWith("❌ That command was not recorded; nothing was changed.", followUp.Replies[0].Text, StringComparison.Ordinal);
        Assert.Empty(store.Inner.Timeline(1).OfType<NoteAdded>());
    }

    [Fact]
    public async Task TypingTheSameCommandAgainWhileItsOutcomeIsUnknownRecordsItOnce()
    {
        var (store, handler) = await DeclaredAsync();
        store.NextAppend = Answerless.LandsThenTimesOut;
        await handler.HandleAsync("/incident INC-1 update Rolled back; error rate falling", _alice, _general, "slack:trigger-1", CancellationToken.None);

        // Slack gives the retyped command a new trigger_id.
        var retry = await handler.HandleAsync("/incident INC-1 update Rolled back; error rate falling", _alice, _general, "slack:trigger-2", CancellationToken.None);

        Assert.False(retry.Failed);
        Assert.Single(store.Inner.Timeline(1).OfType<StatusUpdatePosted>());
    }

    [Fact]
    public async Task WithoutARequestKeyTheAnswerSaysToLookBeforeRetrying()
    {
        var (store, handler) = await DeclaredAsync();
        store.NextAppend = Answerless.LandsThenTimesOut;

        var outcome = await handler.HandleAsync("/incident INC-1 note rolled back", _alice, _general, CancellationToken.None);

        Assert.Contains(CommandHandler.OutcomeUnknownCheckFirst, outcome.Replies[0].Text, StringComparison.OrdinalIgnoreCase);
        Assert.Null(outcome.FollowUp);
    }

    private async Task<(AnswerlessStore Store, CommandHandler Handler)> DeclaredAsync()
    {
        var store = new AnswerlessStore(new InMemoryIncidentStore(TimeProvider.System));
        var incidents = new IncidentService(store, TimeProvider.System, new IncidentSettings());
        var handler = new CommandHandler(incidents, clock: TimeProvider.System);
        await handler.HandleAsync("/incident declare sev2 Checkout down", _alice, _general, "k-declare", CancellationToken.None);
        return (store, handler);
    }

    private enum Answerless
    {
        None,
        LandsThenTimesOut,
        LostThenTimesOut,
    }

    /// <summary>The in-memory store, but the next append's answer is lost (after or instead of the append).</summary>
    private sealed class AnswerlessStore(InMemoryIncidentStore inner) : IIncidentStore
    {
        public InMemoryIncidentStore Inner => inner;

        public Answerless NextAppend { get; set; }

        public async Task<AppendResult> AppendAsync(int incidentNumber, long expectedVersion, IReadOnlyList<IncidentEvent> events, CancellationToken cancellationToken)
        {
            var mode = NextAppend;
            NextAppend = Answerless.None;
            if (mode == Answerless.LostThenTimesOut)
            {
                throw new TimeoutException("no answer");
            }

            var result = await inner.AppendAsync(incidentNumber, expectedVersion, events, cancellationToken);
            return mode == Answerless.LandsThenTimesOut ? throw new TimeoutException("no answer") : result;
        }

        public Task<int> AllocateNumberAsync(CancellationToken cancellationToken) => inner.AllocateNumberAsync(cancellationToken);

        public Task<RecordedRequest?> FindRequestAsync(string requestKey, CancellationToken cancellationToken) => inner.FindRequestAsync(requestKey, cancellationToken);

        public Task<IReadOnlyList<IncidentEvent>> ReadAsync(int incidentNumber, long afterVersion, CancellationToken cancellationToken) =>
            inner.ReadAsync(incidentNumber, afterVersion, cancellationToken);

        public Task<IReadOnlyList<int>> ListIncidentNumbersAsync(CancellationToken cancellationToken) => inner.ListIncidentNumbersAsync(cancellationToken);

        public Task<bool> TryClaimAsync(string key, TimeSpan ttl, CancellationToken cancellationToken) => inner.TryClaimAsync(key, ttl, cancellationToken);

        public Task ReleaseClaimAsync(string key, CancellationToken cancellationToken) => inner.ReleaseClaimAsync(key, cancellationToken);

        public Task SaveConversationReferenceAsync(string platform, string key, string reference, CancellationToken cancellationToken) =>
            inner.SaveConversationReferenceAsync(platform, key, reference, cancellationToken);

        public Task<string?> FindConversationReferenceAsync(string platform, string key, CancellationToken cancellationToken) =>
            inner.FindConversationReferenceAsync(platform, key, cancellationToken);

        public Task<bool> RenewClaimAsync(string key, TimeSpan ttl, CancellationToken cancellationToken) => inner.RenewClaimAsync(key, ttl, cancellationToken);
    }
}
