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
    ILogger<StatusPageWorker> logger) : ProviderWorker<StatusPageException>(incidents, store, clock, logger)
{
    private const int MaxStepsPerPass = 16;
    private const string DefaultBody = "We are investigating this issue.";

    private readonly IReadOnlySet<Severity> _severities = options.Value.PublicSeverities();

    private enum Step
    {
        None,
        Create,
        Update,
        Resolve,
    }

    protected override TimeSpan RetryInterval => options.Value.RetryInterval;

    protected override async Task ProcessAsync(int number, CancellationToken cancellationToken)
    {
        if (IsBackingOff(number))
        {
            return;
        }

        for (var i = 0; i < MaxStepsPerPass; i++)
        {
            var incident = await Incidents.Reader.GetAsync(number, cancellationToken);
            var step = Next(incident);
            if (step == Step.None)
            {
                CaughtUp(number);
                return;
            }

            var (outcome, _) = await PerformClaimedAsync(number, $"statuspage:{number}:{step}:{incident.StatusPagePublishedThrough}",
                () => PerformAsync(step, incident, cancellationToken),
                ex => i => i.RecordStatusPageFailed(AtlassianStatusPage.ProviderName, ex.Message), cancellationToken);
            if (outcome != StepOutcome.Recorded)
            {
                return;
            }
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
}
