using System.Text.Json;

namespace ChatOpsBot.Tests.Reminders;

/// <summary>Reads reminders and the other entries off an incident's JSON timeline.</summary>
internal static class ReminderTimeline
{
    public static readonly string[] Bookkeeping = ["ChannelOpening", "ChannelOpened", "MembersInvited", "TopicSet", "PurposeSet", "KickoffPosted", "Announced", "ChannelMessagesPosted", "PostmortemDrafted",
        "KickoffPinned", "KickoffUpdated", "StakeholderCopyDelivered"];

    public static string Type(JsonElement e) => e.GetProperty("type").GetString()!;

    public static DateTimeOffset OccurredAt(JsonElement e) => e.GetProperty("occurredAt").GetDateTimeOffset();

    public static List<JsonElement> StatusReminders(IEnumerable<JsonElement> events) =>
        events.Where(e => Type(e) == "ReminderSent" && e.GetProperty("kind").GetString() == "statusUpdate").ToList();

    public static List<DateTimeOffset> DueTimes(IEnumerable<JsonElement> events) =>
        StatusReminders(events).Select(e => e.GetProperty("dueAt").GetDateTimeOffset()).ToList();

    /// <summary>What responders did: everything but the reconciler's bookkeeping and the reminders.</summary>
    public static List<string> ResponderSteps(IEnumerable<JsonElement> events) =>
        events.Select(Type).Where(t => !Bookkeeping.Contains(t) && t != "ReminderSent").ToList();
}
