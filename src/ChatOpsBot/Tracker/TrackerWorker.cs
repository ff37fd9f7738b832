using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Tracker;
using ChatOpsBot.Http;
using ChatOpsBot.Workers;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Tracker;

/// <summary>
/// Files the action items the timeline asks to be filed (<see cref="Incident.ActionItemsToExport"/>) one by one and
/// records each issue on the timeline, so an item is filed once: the record is the truth, and a claim per item keeps
/// two replicas from filing it at the same time. With Tracker:ExportOnClose, closing an incident asks for its items.
/// A failure is put on the timeline once per distinct error, which the channel hears about, then retried.
/// The record is written after the tracker created the issue, so a host that dies in between (or an answer that is
/// lost) would leave the item looking unfiled: before filing an item, the tracker is searched for its marker, and an
/// issue found is adopted instead of filed again.
/// </summary>
public sealed partial class TrackerWorker(
    IncidentService incidents,
    IIncidentStore store,
    TrackerSettings settings,
    ITracker tracker,
    IOptions<TrackerOptions> options,
    PublicLinks links,
    TimeProvider clock,
    ILogger<TrackerWorker> logger) : ProviderWorker<TrackerException>(incidents, store, clock, logger)
{
    private const int MaxItemsPerPass = 32;

    protected override TimeSpan RetryInterval => options.Value.RetryInterval;

    protected override async Task ProcessAsync(int number, CancellationToken cancellationToken)
    {
        if (IsBackingOff(number))
        {
            return;
        }

        var incident = await Incidents.Reader.GetAsync(number, cancellationToken);
        if (settings.ExportOnClose && incident.Status == IncidentStatus.Closed && incident.ActionItems.Any(a => a.Number > incident.ExportRequestedThrough))
        {
            incident = (await Incidents.ExecuteAsync(number, i => i.RequestActionItemExport(), BotContext, cancellationToken)).Incident;
        }

        var found = new Dictionary<int, FiledIssue>();
        for (var i = 0; i < MaxItemsPerPass && incident.ActionItemsToExport.FirstOrDefault() is { } item; i++)
        {
            var (outcome, recorded) = await PerformClaimedAsync(number, $"tracker:{number}:item:{item.Number}", async () =>
            {
                // Searched for after the claim: whoever filed the item before held its claim, so what they created is
                // in the tracker by now (GitHub's search index may trail it by seconds). What a search found stays
                // true for the pass; what it did not find does not, so each item still to file gets its own search.
                if (!found.ContainsKey(item.Number))
                {
                    foreach (var (itemNumber, earlier) in await tracker.FindFiledAsync(incident, [.. incident.ActionItemsToExport.Select(a => a.Number)], cancellationToken))
                    {
                        found.TryAdd(itemNumber, earlier);
                    }
                }

                if (found.TryGetValue(item.Number, out var issue))
                {
                    LogAdopted(logger, number, item.Number, issue.Key);
                }
                else
                {
                    issue = await tracker.FileAsync(new ActionItemOrder(incident, item, links.Absolute($"/incidents/{incident.Number}")), cancellationToken);
                    LogFiled(logger, number, item.Number, issue.Key);
                }

                return i => i.RecordActionItemExported(item.Number, tracker.Name, issue.Key, issue.Url);
            }, ex => i => i.RecordActionItemExportFailed(item.Number, tracker.Name, ex.Message), cancellationToken);
            if (outcome != StepOutcome.Recorded)
            {
                return;
            }

            incident = recorded!;
        }

        CaughtUp(number);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Action item #{Item} of INC-{IncidentNumber} filed as {IssueKey}")]
    private static partial void LogFiled(ILogger logger, int incidentNumber, int item, string issueKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Action item #{Item} of INC-{IncidentNumber} was already filed as {IssueKey} (found by its marker); adopted")]
    private static partial void LogAdopted(ILogger logger, int incidentNumber, int item, string issueKey);
}
