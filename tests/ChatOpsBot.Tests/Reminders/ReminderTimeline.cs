using System.Text.Json;
using ChatOpsBot.Reminders;
using ChatOpsBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

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

    /// <summary>
    /// The "nothing more will happen until the clock moves" signal for INC-1's reminders on this host: the planner
    /// has no pass queued or running, and Quartz holds no trigger for the incident at or before now (a job that fires
    /// queues a planner pass before its trigger goes, so there is no moment between the two when a reminder could
    /// still be on its way).
    /// </summary>
    public static async Task NothingScheduledAsync(IServiceProvider services)
    {
        var scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        await Eventually.Get(async () =>
        {
            var trigger = await scheduler.GetTrigger(new TriggerKey("INC-1", ReminderPlanner.JobGroup));
            return new { services.GetRequiredService<ReminderPlanner>().IsDrained, TriggerAt = trigger?.StartTimeUtc, Now = now };
        }, s => s.IsDrained && (s.TriggerAt is null || s.TriggerAt > s.Now), "no reminder planned or firing before now");
    }
}
