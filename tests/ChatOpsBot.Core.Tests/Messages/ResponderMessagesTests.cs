using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Messages;
using ChatOpsBot.Core.Reminders;
using ChatOpsBot.Core.Tests.Support;
using ChatOpsBot.Core.Timeline;

namespace ChatOpsBot.Core.Tests.Messages;

/// <summary>What the incident channel reads when someone leaves a role or an action item changes, and the links to the incident page.</summary>
public class ResponderMessagesTests
{
    private static readonly Actor Alice = new("U1", "alice");
    private static readonly Actor Bob = new("U2", "bob");
    private static readonly Actor Carol = new("U3", "carol");
    private static readonly IncidentSettings Settings = new();

    [Fact]
    public void ACommanderWhoLeavesIsToldToTheChannelWithATakeCommanderButton()
    {
        var history = IncidentHistory.Declared(Alice).Then(i => i.ClearRole(Roles.Commander, Settings), Alice);

        var message = IncidentMessages.ForEvent(history.Events[^1])!;

        Assert.Equal("👤 @alice left the commander role; nobody leads INC-1 now. Take it with /incident commander @you.", ChatText.Plain(message.Text));
        Assert.Contains(ChatText.Mention(Alice), message.Text, StringComparison.Ordinal);
        Assert.Equal("/incident INC-1 commander {me}", Assert.Single(message.Actions).Command);
    }

    [Fact]
    public void AScribeTakenOffBySomeoneElseNamesBoth()
    {
        var history = IncidentHistory.Declared(Alice)
            .Then(i => i.AssignRole(Roles.Scribe, Bob, Settings), Alice)
            .Then(i => i.ClearRole("scribe", Settings), Alice);

        var message = IncidentMessages.ForEvent(history.Events[^1])!;

        Assert.Equal("👤 @bob was taken off the scribe role by @alice; nobody is scribe of INC-1 now.", ChatText.Plain(message.Text));
        Assert.Empty(message.Actions);
    }

    [Fact]
    public void EachActionItemChangeIsAChannelMessageWithTheItemsText()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki");
        var history = IncidentHistory.Declared(Alice).Then(i => i.AddActionItem("Add a canary", Bob, TimeSpan.FromDays(2)), Alice);
        var due = new DateTimeOffset(2025, 3, 21, 21, 59, 59, TimeSpan.Zero);
        history.Then(i => i.MarkActionItemDone(1), Bob)
            .Then(i => i.ReopenActionItem(1), Alice)
            .Then(i => i.ChangeActionItemOwner(1, Carol), Alice)
            .Then(i => i.ChangeActionItemOwner(1, null), Alice)
            .Then(i => i.ChangeActionItemDue(1, due, history.Clock.GetUtcNow()), Alice);

        var texts = history.Events.OfType<ActionItemChange>()
            .Select(e => IncidentMessages.ForEvent(e, history.State, new TimelineSettings(zone))!.Text).ToList();

        Assert.Equal(
        [
            "✅ Action item #1 done (@bob): Add a canary",
            "♻️ Action item #1 reopened (@alice): Add a canary",
            "👤 @carol now owns action item #1, was @bob (@alice): Add a canary",
            "👤 Action item #1 has no owner now, was @carol (@alice): Add a canary",
            "📅 Action item #1 is now due Fri 2025-03-21 23:59 Europe/Helsinki (2025-03-21 21:59:59 UTC) (@alice): Add a canary",
        ], texts.Select(ChatText.Plain));
        // The new owner is a mention, so they hear of it.
        Assert.Contains(ChatText.Mention(Carol), texts[2], StringComparison.Ordinal);
    }

    [Fact]
    public void AnActionItemChangeWithoutTheIncidentNamesTheNumberOnly()
    {
        var message = IncidentMessages.ForEvent(new ActionItemDone(3) { Actor = Bob })!;

        Assert.Equal("✅ Action item #3 done (@bob).", ChatText.Plain(message.Text));
    }

    [Fact]
    public void TheKickoffAndTheAnnouncementLinkToTheIncidentPage()
    {
        var incident = IncidentHistory.Declared(Alice).State;
        var links = new PageLinks(path => "https://chatopsbot.example.com" + path);

        Assert.Contains(new MessageLink("Incident page", "https://chatopsbot.example.com/incidents/1"), IncidentMessages.Kickoff(incident, null, links).Links);
        Assert.Contains(new MessageLink("Incident page", "https://chatopsbot.example.com/incidents/1"), IncidentMessages.Announcement(incident, links).Links);
        Assert.Contains(new MessageLink("Incident page", "/incidents/1"), IncidentCard.For(incident, null).Links);
    }

    [Fact]
    public void TheMissingCommanderReminderCountsFromWhenTheCommanderLeft()
    {
        var history = IncidentHistory.Declared(Alice);
        history.Clock.Advance(TimeSpan.FromHours(1));
        history.Then(i => i.ClearRole(Roles.Commander, Settings), Alice);
        history.Clock.Advance(TimeSpan.FromMinutes(5));
        var reminders = new ReminderSettings();
        var now = history.Clock.GetUtcNow();

        var due = Assert.Single(ReminderPolicy.DueNow(history.State, reminders, now), r => r.Kind == ReminderKind.MissingCommander);
        var message = ReminderMessages.For(history.State, due, now);

        Assert.StartsWith("🧭 INC-1 has had no incident commander for 5 min", message.Text, StringComparison.Ordinal);
    }
}
