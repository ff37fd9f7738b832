using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Reminders;
using ChatOpsBot.Core.Tests.Support;

namespace ChatOpsBot.Core.Tests.Incidents;

/// <summary>Action items get done, reopened, reassigned and rescheduled, each an event, also after close.</summary>
public class ActionItemVerbTests
{
    private static readonly ReminderSettings Reminders = new();

    [Fact]
    public void DoneMarksTheItemAndRecordsWhen()
    {
        var history = WithOneItem();
        history.Clock.Advance(TimeSpan.FromHours(1));

        history.Then(i => i.MarkActionItemDone(1));

        var item = Assert.Single(history.State.ActionItems);
        Assert.Equal(ActionItemState.Done, item.State);
        Assert.Equal(history.Clock.GetUtcNow(), item.DoneAt);
        Assert.IsType<ActionItemDone>(history.Events[^1]);
    }

    [Fact]
    public void DoneTwiceChangesNothing()
    {
        var history = WithOneItem().Then(i => i.MarkActionItemDone(1));

        var decision = history.State.MarkActionItemDone(1);

        Assert.Empty(decision.Events);
        Assert.Equal("Action item #1 of INC-1 is already done.", decision.NoChangeReason);
    }

    [Fact]
    public void ReopenMakesADoneItemOpenAgain()
    {
        var history = WithOneItem().Then(i => i.MarkActionItemDone(1)).Then(i => i.ReopenActionItem(1));

        Assert.Equal(ActionItemState.Open, history.State.ActionItems[0].State);
        Assert.Null(history.State.ActionItems[0].DoneAt);
        Assert.Equal("Action item #1 of INC-1 is already open.", history.State.ReopenActionItem(1).NoChangeReason);
    }

    [Fact]
    public void OwnerHandsTheItemOverAndKeepsWhoHadIt()
    {
        var bob = new Actor("bob");
        var history = WithOneItem().Then(i => i.ChangeActionItemOwner(1, bob));

        Assert.Equal("bob", history.State.ActionItems[0].Owner!.Id);
        var changed = Assert.IsType<ActionItemOwnerChanged>(history.Events[^1]);
        Assert.Equal("carol", changed.Previous!.Id);
        Assert.Contains(history.State.Participants, p => p.Id == "bob");
    }

    [Fact]
    public void DueMovesTheDueDateAndTheReminder()
    {
        var history = WithOneItem();
        var later = IncidentHistory.Start.AddDays(5);

        history.Then(i => i.ChangeActionItemDue(1, later, history.Clock.GetUtcNow()));

        Assert.Equal(later, history.State.ActionItems[0].DueAt);
        Assert.Contains(new DueReminder(ReminderKind.ActionItemDue, later, 1), ReminderPolicy.Upcoming(history.State, Reminders, history.Clock.GetUtcNow()));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void AnItemThatDoesNotExistIsRefusedWithTheRange(int number)
    {
        var decision = WithOneItem().State.MarkActionItemDone(number);

        Assert.Equal($"INC-1 has no action item #{number}; its items are #1 to #1.", decision.Refusal);
    }

    [Fact]
    public void ADueDateMoreThanAYearOutIsRefusedWithTheLimitNamed()
    {
        var history = WithOneItem();

        var decision = history.State.ChangeActionItemDue(1, IncidentHistory.Start.AddDays(366), history.Clock.GetUtcNow());

        Assert.Equal("That is more than 365 days away; keep action items within a year.", decision.Refusal);
    }

    [Fact]
    public void ADoneItemIsNotRemindedWhenDue()
    {
        var history = WithOneItem().Then(i => i.MarkActionItemDone(1));
        history.Clock.Advance(TimeSpan.FromDays(3));

        Assert.DoesNotContain(ReminderPolicy.Upcoming(history.State, Reminders, history.Clock.GetUtcNow()), r => r.Kind == ReminderKind.ActionItemDue);
    }

    [Fact]
    public void ActionItemsCanBeAddedAndManagedAfterClose()
    {
        var history = WithOneItem().Then(i => i.Resolve(null)).Then(i => i.Close());

        history.Then(i => i.MarkActionItemDone(1))
            .Then(i => i.AddActionItem("Write the runbook", null))
            .Then(i => i.ChangeActionItemOwner(2, new Actor("dave")));

        Assert.Equal(2, history.State.ActionItems.Count);
        Assert.True(history.State.ActionItems[0].IsDone);
    }

    [Fact]
    public void AnAbsoluteDueDateIsKeptAsGiven()
    {
        var history = IncidentHistory.Declared();
        var friday = new DateTimeOffset(2025, 3, 14, 21, 59, 59, TimeSpan.Zero);

        history.Then(i => i.AddActionItem("Add a canary", null, friday, history.Clock.GetUtcNow()));

        Assert.Equal(friday, history.State.ActionItems[0].DueAt);
        Assert.Equal(friday, Assert.IsType<ActionItemAdded>(history.Events[^1]).DueAt);
    }

    [Fact]
    public void OverdueMeansOpenAndPastItsDueDate()
    {
        var history = WithOneItem();
        var afterDue = IncidentHistory.Start.AddDays(3);

        Assert.True(history.State.ActionItems[0].IsOverdue(afterDue));
        history.Then(i => i.MarkActionItemDone(1));
        Assert.False(history.State.ActionItems[0].IsOverdue(afterDue));
    }

    // Leaving a role

    [Fact]
    public void NoneLeavesTheRoleAsAHandoffToNobody()
    {
        var bob = new Actor("bob");
        var history = IncidentHistory.Declared().Then(i => i.AssignRole(Roles.Scribe, bob, new IncidentSettings()));
        history.Clock.Advance(TimeSpan.FromMinutes(3));

        history.Then(i => i.ClearRole("scribe", new IncidentSettings()));

        Assert.Null(history.State.Scribe);
        Assert.Equal(new RoleCleared("scribe", bob), history.Events[^1] with { Actor = Actor.Bot, Source = EventSource.Bot, OccurredAt = default, Version = 0, IncidentNumber = 0 });
        Assert.Equal(history.Clock.GetUtcNow(), history.State.RoleHistory[^1].RelievedAt);
    }

    [Fact]
    public void LeavingAnEmptyRoleChangesNothing()
    {
        var decision = IncidentHistory.Declared().State.ClearRole("scribe", new IncidentSettings());

        Assert.Equal("Nobody is scribe of INC-1.", decision.NoChangeReason);
    }

    [Fact]
    public void AnUnknownRoleSuggestsTheClosest()
    {
        var decision = IncidentHistory.Declared().State.ClearRole("scrib", new IncidentSettings());

        Assert.Equal("There is no role \"scrib\". Did you mean `scribe`? Roles: commander, scribe, communications, operations.", decision.Refusal);
    }

    [Fact]
    public void ACommanderWhoLeavesIsMissedAfterTheConfiguredTime()
    {
        var history = IncidentHistory.Declared(severity: Severity.Sev3);
        history.Clock.Advance(TimeSpan.FromMinutes(30));
        var left = history.Clock.GetUtcNow();

        history.Then(i => i.ClearRole("commander", new IncidentSettings()));

        Assert.Contains(new DueReminder(ReminderKind.MissingCommander, left + Reminders.MissingCommanderAfter!.Value),
            ReminderPolicy.Upcoming(history.State, Reminders, history.Clock.GetUtcNow()));
    }

    [Fact]
    public void AScribeWhoLeavesIsMissedCountedFromWhenTheyLeft()
    {
        var history = IncidentHistory.Declared(severity: Severity.Sev1).Then(i => i.AssignRole(Roles.Scribe, new Actor("bob"), new IncidentSettings()));
        history.Clock.Advance(TimeSpan.FromHours(1));
        var left = history.Clock.GetUtcNow();

        history.Then(i => i.ClearRole("scribe", new IncidentSettings()));

        Assert.Contains(new DueReminder(ReminderKind.MissingScribe, left + Reminders.MissingScribeAfter!.Value),
            ReminderPolicy.Upcoming(history.State, Reminders, history.Clock.GetUtcNow()));
    }

    private static IncidentHistory WithOneItem() =>
        IncidentHistory.Declared(severity: Severity.Sev4).Then(i => i.AddActionItem("Add a canary", new Actor("carol"), TimeSpan.FromDays(2)));
}
