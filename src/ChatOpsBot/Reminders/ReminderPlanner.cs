using System.Collections.Concurrent;
using ChatOpsBot.Chat;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Messages;
using ChatOpsBot.Core.Reminders;
using ChatOpsBot.Workers;
using Microsoft.Extensions.Options;
using Quartz;

namespace ChatOpsBot.Reminders;

/// <summary>
/// Keeps one Quartz trigger per incident at the time it next needs a reminder. The store is the truth and
/// Quartz only the timer, so the trigger is recomputed from the incident's state whenever anything could move it:
/// after each local append, after another replica's append (pub/sub), at start-up and on a periodic sweep.
/// The in-memory job store is enough: nothing in it is needed after a restart that the timeline cannot rebuild.
/// </summary>
public sealed partial class ReminderPlanner(
    IncidentService incidents,
    ISchedulerFactory schedulers,
    ChatPlatforms platforms,
    ReminderSettings settings,
    IOptions<ReminderOptions> options,
    TimeProvider clock,
    ILogger<ReminderPlanner> logger) : IncidentWorker(incidents, clock, logger)
{
    internal const string JobGroup = "reminders";
    internal const string IncidentNumberKey = "incident";

    // After losing a claim, give the winner time to record its reminder instead of re-firing at once in a loop.
    internal static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<int, DateTimeOffset> _notBefore = new();

    protected override TimeSpan SweepInterval => options.Value.SweepInterval;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Another replica's append (announced through the store's feed, see IncidentFeedListener) can move a reminder too.
        Incidents.Reader.ChangedElsewhere += Enqueue;
        return base.StartAsync(cancellationToken);
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        Incidents.Reader.ChangedElsewhere -= Enqueue;
        return base.StopAsync(cancellationToken);
    }

    /// <summary>Something due could not be sent here (another replica holds it, or chat failed): look again a little later.</summary>
    public void RetryLater(int number)
    {
        _notBefore[number] = Clock.GetUtcNow() + RetryDelay;
        Enqueue(number);
    }

    protected override async Task ProcessAsync(int number, CancellationToken cancellationToken)
    {
        var incident = await Incidents.Reader.GetAsync(number, cancellationToken);
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var jobKey = new JobKey(incident.Key, JobGroup);
        var now = Clock.GetUtcNow();

        // No channel yet, or one on a platform this host does not run: nowhere to post, and firing anyway would only
        // fire again at once. Opening the channel is an event, which plans again.
        var next = incident.Exists && incident.Channel is { } channel && platforms.For(channel) is not null
            ? ReminderPolicy.NextWakeUp(incident, settings, now)
            : null;
        if (next is not { } due)
        {
            _notBefore.TryRemove(number, out _);
            await scheduler.DeleteJob(jobKey, cancellationToken);
            return;
        }

        if (_notBefore.TryGetValue(number, out var notBefore))
        {
            if (notBefore > due)
            {
                due = notBefore;
            }
            else
            {
                _notBefore.TryRemove(number, out _);
            }
        }

        var triggerKey = new TriggerKey(incident.Key, JobGroup);
        var existing = await scheduler.GetTrigger(triggerKey, cancellationToken);
        if (existing?.StartTimeUtc == due && existing.NextFireTimeUtc is not null)
        {
            return; // already set for that time; most events do not move it
        }

        var job = JobBuilder.Create<ReminderJob>().WithIdentity(jobKey).UsingJobData(IncidentNumberKey, number).Build();
        var trigger = TriggerBuilder.Create(Clock).WithIdentity(triggerKey).StartAt(due).Build();
        await scheduler.ScheduleJob(job, trigger, ScheduleJobOptions.Replacing, cancellationToken);
        LogPlanned(logger, number, due);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Next reminder check for INC-{IncidentNumber} at {DueAt}")]
    private static partial void LogPlanned(ILogger logger, int incidentNumber, DateTimeOffset dueAt);
}
