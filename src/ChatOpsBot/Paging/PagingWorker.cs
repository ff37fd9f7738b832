using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Paging;
using ChatOpsBot.Http;
using ChatOpsBot.Workers;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Paging;

/// <summary>
/// Does what <see cref="PagingPlan"/> says is missing and records it on the timeline: the automatic page, each
/// provider's page, each resolve. Level-triggered like the chat reconciler, so a provider outage delays a page but
/// never loses it; one replica performs a step (a claim per step), and a failure is put on the timeline once per
/// distinct error, which the channel hears about, then retried every <see cref="PagingOptions.RetryInterval"/>.
/// </summary>
public sealed partial class PagingWorker(
    IncidentService incidents,
    IIncidentStore store,
    PagingSettings settings,
    IEnumerable<IPagingProvider> providers,
    IOptions<PagingOptions> options,
    PublicLinks links,
    TimeProvider clock,
    ILogger<PagingWorker> logger) : ProviderWorker<PagingException>(incidents, store, clock, logger)
{
    private const int MaxStepsPerPass = 16;

    private readonly Dictionary<string, IPagingProvider> _providers = providers.ToDictionary(p => p.Name, StringComparer.Ordinal);

    protected override TimeSpan RetryInterval => options.Value.RetryInterval;

    protected override async Task ProcessAsync(int number, CancellationToken cancellationToken)
    {
        if (IsBackingOff(number))
        {
            return;
        }

        // A step that failed is skipped for the rest of the pass, so one provider's outage does not hold up the other.
        var failedThisPass = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < MaxStepsPerPass; i++)
        {
            var incident = await Incidents.Reader.GetAsync(number, cancellationToken);
            var step = PagingPlan.Needed(incident, settings).FirstOrDefault(s => !failedThisPass.Contains(s.Key));
            if (step is null)
            {
                if (failedThisPass.Count == 0)
                {
                    CaughtUp(number);
                }

                return;
            }

            if (step is RequestAutomaticPageStep)
            {
                // A verb, not a claim: the version check lets only one replica's request in.
                await Incidents.ExecuteAsync(number, i => i.RequestAutomaticPage(settings.DefaultTarget), BotContext, cancellationToken);
                continue;
            }

            var (outcome, _) = await PerformClaimedAsync(number, $"paging:{number}:{step.Key}",
                () => PerformAsync(step, incident, cancellationToken), ex => RecordFailed(step, ex), cancellationToken);
            if (outcome == StepOutcome.HeldElsewhere)
            {
                return;
            }

            if (outcome == StepOutcome.Failed)
            {
                failedThisPass.Add(step.Key);
            }
        }
    }

    private async Task<Func<Incident, Decision>> PerformAsync(PagingStep step, Incident incident, CancellationToken cancellationToken)
    {
        switch (step)
        {
            case TriggerPageStep trigger:
                var id = await _providers[trigger.Provider].TriggerAsync(Order(incident, trigger.Page), cancellationToken);
                LogPaged(logger, incident.Number, trigger.Page.Target, trigger.Provider);
                return i => i.RecordPaged(trigger.Page.Number, trigger.Provider, id);

            case ResolvePageStep resolve:
                await _providers[resolve.Provider].ResolveAsync(Order(incident, resolve.Page), cancellationToken);
                return i => i.RecordPageResolved(resolve.Page.Number, resolve.Provider);

            default:
                throw new InvalidOperationException($"Unknown paging step {step.Key}");
        }
    }

    private static Func<Incident, Decision> RecordFailed(PagingStep step, PagingException ex)
    {
        var (page, provider) = step switch
        {
            TriggerPageStep t => (t.Page.Number, t.Provider),
            ResolvePageStep r => (r.Page.Number, r.Provider),
            _ => (0, ""),
        };
        return i => i.RecordPageFailed(page, provider, ex.Message);
    }

    private PageOrder Order(Incident incident, Page page) => new(incident, page, settings.DedupKey(incident, page), links.Absolute($"/incidents/{incident.Number}"));

    [LoggerMessage(Level = LogLevel.Information, Message = "Paged {Target} for INC-{IncidentNumber} via {Provider}")]
    private static partial void LogPaged(ILogger logger, int incidentNumber, string target, string provider);
}
