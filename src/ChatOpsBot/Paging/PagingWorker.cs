using System.Collections.Concurrent;
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
    ILogger<PagingWorker> logger) : IncidentWorker(incidents, clock, logger)
{
    private const int MaxStepsPerPass = 16;

    private static readonly TimeSpan StepLease = TimeSpan.FromMinutes(1);
    private static readonly EventContext BotContext = new(Actor.Bot, EventSource.Bot);

    private readonly Dictionary<string, IPagingProvider> _providers = providers.ToDictionary(p => p.Name, StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, DateTimeOffset> _failedAt = new();

    protected override TimeSpan SweepInterval => options.Value.RetryInterval;

    protected override async Task ProcessAsync(int number, CancellationToken cancellationToken)
    {
        // After a failure, changes to the incident (chat steps, notes) do not each retry the provider; the sweep does.
        if (_failedAt.TryGetValue(number, out var failed) && Clock.GetUtcNow() - failed < options.Value.RetryInterval / 2)
        {
            return;
        }

        // A step that failed is skipped for the rest of the pass, so one provider's outage does not hold up the other.
        var failedThisPass = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < MaxStepsPerPass; i++)
        {
            var incident = await Incidents.GetAsync(number, cancellationToken);
            var step = PagingPlan.Needed(incident, settings).FirstOrDefault(s => !failedThisPass.Contains(s.Key));
            if (step is null)
            {
                if (failedThisPass.Count == 0)
                {
                    _failedAt.TryRemove(number, out _);
                }

                return;
            }

            if (step is RequestAutomaticPageStep)
            {
                // A verb, not a claim: the version check lets only one replica's request in.
                await Incidents.ExecuteAsync(number, i => i.RequestAutomaticPage(settings.DefaultTarget), BotContext, cancellationToken);
                continue;
            }

            var claim = $"paging:{number}:{step.Key}";
            if (!await store.TryClaimAsync(claim, StepLease, cancellationToken))
            {
                return;
            }

            Func<Incident, Decision> record;
            try
            {
                record = await PerformAsync(step, incident, cancellationToken);
            }
            catch (PagingException ex)
            {
                await store.ReleaseClaimAsync(claim, CancellationToken.None);
                _failedAt[number] = Clock.GetUtcNow();
                var (page, provider) = step switch
                {
                    TriggerPageStep t => (t.Page.Number, t.Provider),
                    ResolvePageStep r => (r.Page.Number, r.Provider),
                    _ => (0, ""),
                };
                LogFailed(logger, number, provider, ex.Message);
                await Incidents.ExecuteAsync(number, i => i.RecordPageFailed(page, provider, ex.Message), BotContext, cancellationToken);
                failedThisPass.Add(step.Key);
                continue;
            }

            await Incidents.ExecuteAsync(number, record, BotContext, cancellationToken);
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

    private PageOrder Order(Incident incident, Page page) => new(incident, page, settings.DedupKey(incident, page), links.Absolute($"/incidents/{incident.Number}"));

    [LoggerMessage(Level = LogLevel.Information, Message = "Paged {Target} for INC-{IncidentNumber} via {Provider}")]
    private static partial void LogPaged(ILogger logger, int incidentNumber, string target, string provider);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Paging for INC-{IncidentNumber} via {Provider} failed: {Reason}; it will be retried")]
    private static partial void LogFailed(ILogger logger, int incidentNumber, string provider, string reason);
}
