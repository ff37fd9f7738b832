using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Timeline;

namespace ChatOpsBot.Core.Tests.Timeline;

public class TimelineTextTests
{
    private static readonly Actor Alice = new("U1", "alice");
    private static readonly Actor Bob = new("U2", "bob");

    [Fact]
    public void ADeclarationNamesTheDeclarerIncidentSeverityAndTitle()
    {
        var e = new Declared("Checkout down", Severity.Sev1, true, null) { Actor = Alice, IncidentNumber = 4 };

        Assert.Equal("@alice declared INC-4 (SEV1, private): Checkout down", TimelineText.Describe(e));
    }

    [Fact]
    public void AHandoffNamesBothHolders()
    {
        Assert.Equal("commander handed from @alice to @bob", TimelineText.Describe(new RoleAssigned(Roles.Commander, Bob, Alice)));
    }

    [Fact]
    public void AFirstAssignmentNamesTheHolder()
    {
        Assert.Equal("@bob is scribe", TimelineText.Describe(new RoleAssigned(Roles.Scribe, Bob, null)));
    }

    [Theory]
    [InlineData(Severity.Sev3, Severity.Sev1, "Severity raised from SEV3 to SEV1")]
    [InlineData(Severity.Sev1, Severity.Sev2, "Severity lowered from SEV1 to SEV2")]
    public void ASeverityChangeSaysWhichWay(Severity from, Severity to, string text)
    {
        Assert.Equal(text, TimelineText.Describe(new SeverityChanged(from, to)));
    }

    [Fact]
    public void AnActionItemShowsItsNumberAndOwner()
    {
        Assert.Equal("Action item #2: Add a canary (owner @bob)", TimelineText.Describe(new ActionItemAdded(2, "Add a canary", Bob)));
    }

    [Theory]
    [InlineData(null, "Resolved")]
    [InlineData("Rolled back", "Resolved: Rolled back")]
    public void AResolutionShowsItsSummaryIfAny(string? summary, string text)
    {
        Assert.Equal(text, TimelineText.Describe(new Resolved(summary)));
    }

    [Fact]
    public void AStatusChangeShowsFromAndTo()
    {
        Assert.Equal("Status investigating → monitoring", TimelineText.Describe(new StatusChanged(IncidentStatus.Investigating, IncidentStatus.Monitoring)));
    }

    [Fact]
    public void ReconcilerBookkeepingIsMarkedAsSuch()
    {
        Assert.True(TimelineText.IsBookkeeping(new TopicSet("x")));
        Assert.True(TimelineText.IsBookkeeping(new ChannelMessagesPosted(3)));
        Assert.False(TimelineText.IsBookkeeping(new NoteAdded("x")));
        Assert.False(TimelineText.IsBookkeeping(new ChannelOpened(new ConversationRef("slack", "C1", "inc-1"))));
    }
}
