using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Messages;
using ChatOpsBot.Core.Reminders;
using ChatOpsBot.Core.Tests.Support;
using ChatOpsBot.Core.Timeline;

namespace ChatOpsBot.Core.Tests.Reminders;

/// <summary>How reminders look on the timeline, in JSON and in the channel.</summary>
public class ReminderEventTests
{
    private static readonly DateTimeOffset Due = new(2025, 3, 14, 9, 15, 0, TimeSpan.Zero);

    [Fact]
    public void AReminderRoundTripsThroughTheStoredJson()
    {
        var sent = new ReminderSent(ReminderKind.ActionItemDue, Due, 3) { IncidentNumber = 7, Version = 9 };

        var json = IncidentEventJson.Serialize(sent);

        Assert.Contains("\"type\":\"ReminderSent\"", json, StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"actionItemDue\"", json, StringComparison.Ordinal);
        Assert.Equal(sent, IncidentEventJson.Deserialize(json));
    }

    [Fact]
    public void AStatusUpdateStoredBeforeUpdateNextExistedStillReads()
    {
        var old = IncidentEventJson.Deserialize("""{"type":"StatusUpdatePosted","text":"Rolling back","version":3,"incidentNumber":1}""");

        var update = Assert.IsType<StatusUpdatePosted>(old);
        Assert.Null(update.NextUpdateIn);
        Assert.DoesNotContain("nextUpdateIn", IncidentEventJson.Serialize(update), StringComparison.Ordinal);
    }

    [Fact]
    public void TheTimelineSaysWhatTheReminderWasAboutAndWhenItWasDue()
    {
        Assert.Equal("Reminder: status update due (due 2025-03-14 09:15:00 UTC)", TimelineText.Describe(new ReminderSent(ReminderKind.StatusUpdate, Due)));
        Assert.Equal("Reminder: action item #3 due (due 2025-03-14 09:15:00 UTC)", TimelineText.Describe(new ReminderSent(ReminderKind.ActionItemDue, Due, 3)));
        Assert.False(TimelineText.IsBookkeeping(new ReminderSent(ReminderKind.StatusUpdate, Due)));
    }

    [Fact]
    public void ARemindersOwnPostIsTheOnlyChannelMessageItGets()
    {
        Assert.Null(IncidentMessages.ForEvent(new ReminderSent(ReminderKind.StatusUpdate, Due)));
    }

    [Fact]
    public void TheStatusReminderMentionsTheCommanderTheTimeSinceTheLastUpdateAndOffersTheButton()
    {
        var alice = new Actor("alice");
        var history = IncidentHistory.Declared(alice, Severity.Sev1);
        history.Then(i => i.PostStatusUpdate("Rolling back"));
        var now = IncidentHistory.Start.AddMinutes(17);

        var message = ReminderMessages.For(history.State, new DueReminder(ReminderKind.StatusUpdate, now), now);

        Assert.Equal("⏰ @alice, a status update on INC-1 is due: the last one was 17 min ago.", ChatText.Plain(message.Text));
        var button = Assert.Single(message.Actions);
        Assert.Equal("Post update", button.Label);
        Assert.Equal("/incident INC-1 update ", button.Command);
    }

    [Fact]
    public void AnActionItemNudgeMentionsItsOwner()
    {
        var history = IncidentHistory.Declared(severity: Severity.Sev3);
        history.Then(i => i.AddActionItem("Add a canary", new Actor("carol"), TimeSpan.FromDays(1)));

        var message = ReminderMessages.For(history.State, new DueReminder(ReminderKind.ActionItemDue, Due, 1), Due);

        Assert.Equal("☑️ @carol, action item #1 of INC-1 is due: Add a canary", ChatText.Plain(message.Text));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-60)]
    [InlineData(25 * 3600)]
    public void TheDomainRefusesAPromiseOutsideTheNextDayWhoeverAsks(int seconds)
    {
        var incident = IncidentHistory.Declared().State;

        var decision = incident.PostStatusUpdate("Rolling back", TimeSpan.FromSeconds(seconds));

        Assert.True(decision.IsRefused);
        Assert.Empty(decision.Events);
    }
}
