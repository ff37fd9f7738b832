using ChatOpsBot.Core.Commands;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Timeline;
using static ChatOpsBot.Core.Messages.ChatText;

namespace ChatOpsBot.Core.Messages;

/// <summary>
/// What the incident channel reads when a responder leaves a role or an action item changes after it was added, so
/// the people in the room see who is (not) on what, and the owner of an item hears of it.
/// </summary>
public static class ResponderMessages
{
    /// <param name="incident">The incident as it stands, for the item's text; without it the message names the number only.</param>
    /// <param name="timeline">The team's time zone for due dates; UTC without it.</param>
    public static ChatMessage? ForChannel(IncidentEvent e, Incident? incident, TimelineSettings? timeline) => e switch
    {
        RoleCleared c => RoleLeft(c),
        ActionItemDone d => new($"✅ Action item #{d.ItemNumber} done{By(e)}{Text(incident, d.ItemNumber)}"),
        ActionItemReopened r => new($"♻️ Action item #{r.ItemNumber} reopened{By(e)}{Text(incident, r.ItemNumber)}"),
        ActionItemOwnerChanged o => new(o.Owner is { } owner
            ? $"👤 {Mention(owner)} now owns action item #{o.ItemNumber}{Was(o.Previous)}{By(e)}{Text(incident, o.ItemNumber)}"
            : $"👤 Action item #{o.ItemNumber} has no owner now{Was(o.Previous)}{By(e)}{Text(incident, o.ItemNumber)}"),
        ActionItemDueChanged d => new(d.DueAt is { } at
            ? $"📅 Action item #{d.ItemNumber} is now due {DueText.Describe(at, (timeline ?? TimelineSettings.Utc).TimeZone)}{By(e)}{Text(incident, d.ItemNumber)}"
            : $"📅 Action item #{d.ItemNumber} has no due date now{By(e)}{Text(incident, d.ItemNumber)}"),
        _ => null,
    };

    /// <summary>A handoff to nobody: the channel is told the role is empty, and for the commander, how to take it.</summary>
    private static ChatMessage RoleLeft(RoleCleared c)
    {
        var who = c.Actor.Id == c.Previous.Id
            ? $"{Mention(c.Previous)} left the {c.Role} role"
            : $"{Mention(c.Previous)} was taken off the {c.Role} role by {Mention(c.Actor)}";
        var key = Incident.FormatKey(c.IncidentNumber);
        return c.Role == Roles.Commander
            ? new($"👤 {who}; nobody leads {key} now. Take it with {Code("/incident commander @you")}.")
            {
                Actions = [new("take-commander", "Take commander", $"/incident {key} commander {{me}}", IsPrimary: true)],
            }
            : new($"👤 {who}; nobody is {c.Role} of {key} now.");
    }

    private static string By(IncidentEvent e) => e.Actor.Id == Actor.Bot.Id ? "" : $" ({Mention(e.Actor)})";

    private static string Was(Actor? previous) => previous is null ? "" : $", was {Mention(previous)}";

    private static string Text(Incident? incident, int number) =>
        incident is not null && number >= 1 && number <= incident.ActionItems.Count ? $": {Inert(incident.ActionItems[number - 1].Text)}" : ".";
}
