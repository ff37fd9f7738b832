using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Tests.Support;

namespace ChatOpsBot.Core.Tests.Incidents;

public class SubscriptionVerbTests
{
    [Fact]
    public void SubscribingAddsTheActorAndUnsubscribingRemovesThem()
    {
        var frank = Some.Actor();
        var history = IncidentHistory.Declared().Then(i => i.Subscribe(frank), frank);
        Assert.Equal(frank, history.State.Subscribers[frank.Id]);

        history.Then(i => i.Unsubscribe(frank), frank);

        Assert.Empty(history.State.Subscribers);
        Assert.IsType<Unsubscribed>(history.Events[^1]);
    }

    [Fact]
    public void SubscribingTwiceOrUnsubscribingWithoutASubscriptionChangesNothing()
    {
        var frank = Some.Actor();
        var state = IncidentHistory.Declared().Then(i => i.Subscribe(frank), frank).State;

        Assert.Equal($"You already get {state.Key}'s updates by direct message.", state.Subscribe(frank).NoChangeReason);
        Assert.Equal($"You were not subscribed to {state.Key}'s updates.", state.Unsubscribe(Some.Actor()).NoChangeReason);
    }

    [Fact]
    public void APrivateIncidentIsNeverBroadcastSoNobodySubscribes()
    {
        var state = IncidentHistory.Declared(isPrivate: true).State;

        Assert.StartsWith($"{state.Key} is private", state.Subscribe(Some.Actor()).Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void AClosedIncidentHasNoMoreUpdatesButAResolvedOneMayStillReopen()
    {
        var resolved = IncidentHistory.Declared().Then(i => i.Resolve("done"));
        Assert.False(resolved.State.Subscribe(Some.Actor()).IsRefused);

        var closed = resolved.Then(i => i.Close()).State;
        Assert.Equal($"{closed.Key} is closed; there will be no more updates to send.", closed.Subscribe(Some.Actor()).Refusal);
    }

    [Fact]
    public void APostmortemDraftIsRecordedOnTheState()
    {
        var state = Incident.Fold([new Declared("t", Severity.Sev1, false, null) { IncidentNumber = 1 }, new PostmortemDrafted(Some.Channel(), "m1")]);

        Assert.True(state.Chat.IsPostmortemDrafted);
    }
}
