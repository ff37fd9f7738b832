using Quartz;

namespace ChatOpsBot.Reminders;

/// <summary>
/// Fired by an incident's trigger. Idempotent, as Quartz jobs should be: it sends only what the timeline says is still
/// owed, then asks for the next trigger. One run per incident at a time; replicas are kept apart by the claims.
/// </summary>
[DisallowConcurrentExecution]
public sealed class ReminderJob(ReminderSender sender, ReminderPlanner planner) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var number = context.MergedJobDataMap.GetInt(ReminderPlanner.IncidentNumberKey);
        var done = false;
        try
        {
            done = await sender.SendDueAsync(number, cancellationToken);
        }
        finally
        {
            if (done)
            {
                planner.Enqueue(number);
            }
            else
            {
                planner.RetryLater(number);
            }
        }
    }
}
