using System.Collections.Concurrent;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Workers;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.StatusPages;

/// <summary>
/// Keeps the Atlassian Statuspage in step with the timeline: a public incident at a configured severity is created
/// there, each update the commander made public is published, and resolving resolves it. A private incident never
/// goes out: the plan stops at <see cref="Incident.IsPrivate"/> before anything else. Each step is claimed, recorded
/// when done, and a failure is told in the channel once per distinct error, then retried.
/// </summary>
public sealed partial class StatusPageWorker(
    IncidentService incidents,
    IIncidentStore store,
    AtlassianStatusPage page,
    IOptions<StatusPageOptions> options,
    TimeProvider clock,
    ILogger<StatusPageWorker> logger) : IncidentWorker(incidents, clock, logger)
{
    private const int MaxStepsPerPass = 16;
    private const string DefaultBody = "We are investigating this issue.";

    private static readonly TimeSpan StepLease = TimeSpan.FromMinutes(1);
    private static readonly EventContext BotContext = new(Actor.Bot, EventSource.Bot);

    private readonly IReadOnlySet<Severity> _severities = options.Value.PublicSeverities();
    private readonly ConcurrentDictionary<int, DateTimeOffset> _failedAt = new();

    private enum Step
    {
        None,
        Create,
        Update,
        Resolve,
    }

    protected override TimeSpan SweepInterval => options.Value.RetryInterval;

    protected override async Task ProcessAsync(int number, CancellationToken cancellationToken)
    {
        if (_failedAt.TryGetValue(number, out var failed) && Clock.GetUtcNow() - failed < options.Value.RetryInterval / 2)
        {
            return;
        }

        for (var i = 0; i < MaxStepsPerPass; i++)
        {
            var incident = await Incidents.GetAsync(number, cancellationToken);
            var step = Next(incident);
            if (step == Step.None)
            {
                _failedAt.TryRemove(number, out _);
                return;
            }

            var claim = $"statuspage:{number}:{step}:{incident.StatusPagePublishedThrough}";
            if (!await store.TryClaimAsync(claim, StepLease, cancellationToken))
            {
                return;
            }

            Func<Incident, Decision> record;
            try
            {
                record = await PerformAsync(step, incident, cancellationToken);
            }
            catch (StatusPageException ex)
            {
                await store.ReleaseClaimAsync(claim, CancellationToken.None);
                _failedAt[number] = Clock.GetUtcNow();
                LogFailed(logger, number, step.ToString(), ex.Message);
                await Incidents.ExecuteAsync(number, i => i.RecordStatusPageFailed(AtlassianStatusPage.ProviderName, ex.Message), BotContext, cancellationToken);
                return;
            }

            await Incidents.ExecuteAsync(number, record, BotContext, cancellationToken);
        }
    }

    private Step Next(Incident incident)
    {
        if (!incident.Exists || incident.IsPrivate)
        {
            return Step.None;
        }

        if (incident.StatusPageId is null)
        {
            return incident.Status.IsOpen() && _severities.Contains(incident.Severity) ? Step.Create : Step.None;
        }

        if (incident.PublicUpdates.Any(u => u.Version > incident.StatusPagePublishedThrough))
        {
            return Step.Update;
        }

        return !incident.Status.IsOpen() && !incident.IsStatusPageResolved ? Step.Resolve : Step.None;
    }

    private async Task<Func<Incident, Decision>> PerformAsync(Step step, Incident incident, CancellationToken cancellationToken)
    {
        switch (step)
        {
            case Step.Create:
                // A public update posted before the page existed is the first thing the public reads.
                var latest = incident.PublicUpdates.LastOrDefault();
                var created = await page.CreateAsync(incident, latest?.Text ?? DefaultBody, cancellationToken);
                LogCreated(logger, incident.Number);
                return latest is null
                    ? i => i.RecordStatusPageCreated(AtlassianStatusPage.ProviderName, created.Id!, created.Shortlink)
                    : i => Decision.Accept([.. i.RecordStatusPageCreated(AtlassianStatusPage.ProviderName, created.Id!, created.Shortlink).Events,
                        .. i.RecordStatusPageUpdated(latest.Version).Events]);

            case Step.Update:
                var next = incident.PublicUpdates.First(u => u.Version > incident.StatusPagePublishedThrough);
                await page.UpdateAsync(incident, next.Text, cancellationToken);
                return i => i.RecordStatusPageUpdated(next.Version);

            default:
                await page.ResolveAsync(incident, cancellationToken);
                return i => i.RecordStatusPageResolved(AtlassianStatusPage.ProviderName);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "INC-{IncidentNumber} is on the public status page")]
    private static partial void LogCreated(ILogger logger, int incidentNumber);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Status page {Step} for INC-{IncidentNumber} failed: {Reason}; it will be retried")]
    private static partial void LogFailed(ILogger logger, int incidentNumber, string step, string reason);
}
