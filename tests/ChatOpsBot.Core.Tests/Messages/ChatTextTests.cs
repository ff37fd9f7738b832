using ChatOpsBot.Core.Alerts;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Messages;

namespace ChatOpsBot.Core.Tests.Messages;

public sealed class ChatTextTests
{
    private static readonly Actor Alice = new("U0ALICE", "alice");

    [Fact]
    public void AMentionIsATokenEachPlatformRendersAndPlainTextShowsAsAName()
    {
        var text = $"⏰ {ChatText.Mention(Alice)}, {ChatText.Here} see {ChatText.Code("/incident update")}";

        var parts = ChatText.Parse(text).ToList();

        Assert.Equal([TextPartKind.Plain, TextPartKind.Person, TextPartKind.Plain, TextPartKind.Broadcast, TextPartKind.Plain, TextPartKind.Code], parts.Select(p => p.Kind));
        Assert.Equal(("U0ALICE", "alice"), (parts[1].Id, parts[1].Text));
        Assert.Equal("⏰ @alice, @here see /incident update", ChatText.Plain(text));
    }

    [Fact]
    public void TextFromOutsideCannotForgeAToken()
    {
        var forged = ChatText.Mention(Alice) + ChatText.Here;

        var inert = ChatText.Inert("hi " + forged);

        Assert.All(ChatText.Parse(inert), p => Assert.Equal(TextPartKind.Plain, p.Kind));
        Assert.Equal("hi @U0ALICEalice!here", inert);
    }

    [Fact]
    public void AStrayMarkerNeverLeaksIntoWhatIsShown()
    {
        Assert.Equal("a b", ChatText.Plain("a \uE000b"));
        Assert.Equal("ab", ChatText.Plain("a\uE001b"));
    }

    [Fact]
    public void TheKickoffNamesPeopleByTokenAndKeepsTheTitleInert()
    {
        var incident = Incident.Fold(
        [
            new Declared("Checkout \uE000@U0EVE\uE002eve\uE001 failing", Severity.Sev2, IsPrivate: false, Origin: null) { Actor = Alice, IncidentNumber = 1, Version = 1 },
            new RoleAssigned(Roles.Commander, Alice, null) { Actor = Alice, IncidentNumber = 1, Version = 2 },
        ]);

        var card = IncidentMessages.Kickoff(incident);

        Assert.Single(ChatText.Parse(card.Fields.Single(f => f.Label == "Commander").Value), p => p.Kind == TextPartKind.Person && p.Id == "U0ALICE");
        Assert.DoesNotContain(ChatText.Parse(card.Title!), p => p.Kind == TextPartKind.Person);
    }

    [Fact]
    public void TheCardFingerprintChangesWithWhatTheCardShowsAndItsButtonsFollowTheState()
    {
        var declared = Incident.Fold([new Declared("Checkout failing", Severity.Sev2, IsPrivate: false, Origin: null) { Actor = Alice, IncidentNumber = 1, Version = 1 }]);
        var resolved = declared.Apply(new Resolved("fixed") { Version = 2 });
        var closed = resolved.Apply(new Closed { Version = 3 });

        var fingerprints = new[] { declared, resolved, closed }.Select(i => IncidentCard.Fingerprint(IncidentCard.For(i, null))).ToList();

        Assert.Equal(3, fingerprints.Distinct().Count());
        Assert.Equal(IncidentCard.Fingerprint(IncidentCard.For(declared, null)), fingerprints[0]);
        Assert.Contains(IncidentCard.For(declared, null).Actions, a => a.Id == "resolve");
        Assert.Equal(["post-update", "reopen"], IncidentCard.For(resolved, null).Actions.Select(a => a.Id));
        Assert.Empty(IncidentCard.For(closed, null).Actions);
    }

    [Fact]
    public void EachStatusUpdateOwesACopyToTheStakeholderChannelAndEachSubscriberUntilDelivered()
    {
        var incident = Incident.Fold(
        [
            new Declared("Checkout failing", Severity.Sev2, IsPrivate: false, Origin: null) { Actor = Alice, IncidentNumber = 1, Version = 1 },
            new Subscribed { Actor = new Actor("U0FRANK", "frank"), Version = 2 },
            new StatusUpdatePosted("Rolled back") { Actor = Alice, Version = 3 },
        ]);

        Assert.Equal([(3L, "#stakeholders"), (3L, "U0FRANK")], incident.Chat.PendingStakeholderCopies.Select(c => (c.UpdateVersion, c.Recipient)));

        var delivered = incident.Apply(new StakeholderCopyDelivered(3, "#stakeholders", "1.0") { Version = 4 });

        Assert.Equal(["U0FRANK"], delivered.Chat.PendingStakeholderCopies.Select(c => c.Recipient));
        Assert.Equal(incident.Chat.StepsRecorded + 1, delivered.Chat.StepsRecorded);
    }

    [Fact]
    public void UpdatesOnATimelineFromBeforeCopiesWereRecordedAreNotSentAgain()
    {
        var incident = Incident.Fold(
        [
            new Declared("Checkout failing", Severity.Sev2, IsPrivate: false, Origin: null) { Actor = Alice, IncidentNumber = 1, Version = 1 },
            new KickoffPosted("1.0") { Version = 2 }, // no fingerprint: posted by the code that sent copies best effort
            new StatusUpdatePosted("Old update") { Actor = Alice, Version = 3 },
            new KickoffUpdated("1.0", "abc") { Version = 4 },
            new StatusUpdatePosted("New update") { Actor = Alice, Version = 5 },
        ]);

        Assert.Equal(["New update"], incident.Chat.PendingStakeholderCopies.Select(c => c.Text));
    }

    [Fact]
    public void APrivateIncidentsUpdatesOweNobodyACopy()
    {
        var incident = Incident.Fold(
        [
            new Declared("Payroll", Severity.Sev2, IsPrivate: true, Origin: null) { Actor = Alice, IncidentNumber = 1, Version = 1 },
            new StatusUpdatePosted("Contained") { Actor = Alice, Version = 2 },
        ]);

        Assert.Empty(incident.Chat.PendingStakeholderCopies);
    }

    [Fact]
    public void AGroupWithoutACommonSummaryIsTitledFromItsAlertNameAndSummaryNotTheSendersTemplate()
    {
        var alert = new Alert("c0ffee", true, new Dictionary<string, string> { ["alertname"] = "Checkout errors" },
            new Dictionary<string, string> { ["summary"] = "Checkout 5xx rate above 5%" }, null, null, null);
        var grafana = new AlertNotification("grafana", "g1", new Dictionary<string, string>(), new Dictionary<string, string>(), [alert])
        {
            Title = "[FIRING:2] Checkout errors Payments (critical checkout)",
        };

        Assert.Equal("Checkout errors: Checkout 5xx rate above 5%", AlertText.Title(grafana, 120));
    }
}
