using System.Text.Json;
using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Core.Tests.Incidents;

/// <summary>The responders' new events are stored by name and read back as they were written.</summary>
public class ResponderEventJsonTests
{
    public static TheoryData<IncidentEvent, string> Events => new()
    {
        { new RoleCleared("scribe", new Actor("U2", "bob")), "RoleCleared" },
        { new ActionItemDone(2), "ActionItemDone" },
        { new ActionItemReopened(2), "ActionItemReopened" },
        { new ActionItemOwnerChanged(2, new Actor("U3", "carol"), null), "ActionItemOwnerChanged" },
        { new ActionItemDueChanged(2, new DateTimeOffset(2026, 12, 4, 21, 59, 59, TimeSpan.Zero), null), "ActionItemDueChanged" },
        { new ActionItemAdded(1, "Add a canary", null, DueAt: new DateTimeOffset(2026, 12, 4, 21, 59, 59, TimeSpan.Zero)), "ActionItemAdded" },
    };

    [Theory]
    [MemberData(nameof(Events))]
    public void EachRoundTripsWithItsTypeName(IncidentEvent e, string type)
    {
        var json = JsonSerializer.Serialize(e, IncidentEventJson.Options);

        Assert.Equal(type, JsonDocument.Parse(json).RootElement.GetProperty("type").GetString());
        Assert.Equal(e, JsonSerializer.Deserialize<IncidentEvent>(json, IncidentEventJson.Options));
    }
}
