using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Messages;
using ChatOpsBot.Core.Tests.Golden;

namespace ChatOpsBot.Core.Tests.Messages;

public class CommanderBriefingTests
{
    private static readonly IReadOnlyList<IncidentEvent> AtHandoff = Sev1Fixture.Events().Where(e => e.Version <= 18).ToList();
    private static readonly DateTimeOffset Now = new(2025, 3, 14, 9, 19, 0, TimeSpan.Zero);

    [Fact]
    public void TheBriefingHasWhatANewCommanderNeedsInTheFirstMinute()
    {
        var message = CommanderBriefing.Build(Incident.Fold(AtHandoff), AtHandoff, Now, Now.AddMinutes(21));

        Assert.Equal("🧭 Briefing for @carol · INC-42 · Checkout returns 502 for card payments", ChatText.Plain(message.Title!));
        var fields = message.Fields.ToDictionary(f => f.Label, f => ChatText.Plain(f.Value));
        Assert.Equal("SEV1 · identified", fields["Severity and status"]);
        Assert.Equal("15m 00s", fields["Running for"]);
        Assert.Equal("2025-03-14 09:10:00 UTC (9m 00s ago): We are investigating failed card payments at checkout. Next update by 09:40 UTC.", fields["Last stakeholder update"]);
        Assert.Equal("2025-03-14 09:40:00 UTC (in 21m 00s)", fields["Next update due"]);
        Assert.Equal("none", fields["Action items"]);
        Assert.Equal("commander: @carol\nscribe: @bob", fields["Roles"]);
        Assert.Equal(3, fields["Latest notes"].Split('\n').Length);
        Assert.EndsWith("@bob: Dave forgot to run the migration before the deploy; human error.", fields["Latest notes"], StringComparison.Ordinal);
        Assert.Contains("• Roles: commander: @carol; scribe: @bob", ChatText.Plain(message.Text), StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutAReminderScheduleTheBriefingSaysNoUpdateIsScheduledAndAnOverdueOneSaysSo()
    {
        var incident = Incident.Fold(AtHandoff);

        Assert.StartsWith("no reminder is scheduled", CommanderBriefing.Build(incident, AtHandoff, Now, null).Fields.Single(f => f.Label == "Next update due").Value, StringComparison.Ordinal);
        Assert.Equal("2025-03-14 09:14:00 UTC (overdue by 5m 00s)", CommanderBriefing.Build(incident, AtHandoff, Now, Now.AddMinutes(-5)).Fields.Single(f => f.Label == "Next update due").Value);
    }
}
