using System.Collections.Concurrent;
using System.Text.Json;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Messages;
using ChatOpsBot.Scheduling;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Teams;

/// <summary>
/// Keeps a Teams incident's kick-off card current: when its state changes (severity, status, roles) the card is
/// replaced in place (PUT on the activity), so the channel's first message always shows where things stand.
/// The chat port has no "update a message" step yet; once it has, the reconciler does this for every platform
/// and this worker goes. After a restart each card is replaced once, since what it last showed is not stored.
/// </summary>
public sealed partial class TeamsLiveCard(
    IncidentService incidents,
    TeamsChatPlatform platform,
    IOptions<ReconcilerOptions> reconciler,
    TimeProvider clock,
    ILogger<TeamsLiveCard> logger) : IncidentWorker(incidents, clock, logger)
{
    private readonly ConcurrentDictionary<int, string> _shown = new();

    protected override TimeSpan SweepInterval => reconciler.Value.SweepInterval;

    protected override async Task ProcessAsync(int number, CancellationToken cancellationToken)
    {
        var incident = await Incidents.GetAsync(number, cancellationToken);
        if (incident.Channel is not { Platform: TeamsChatPlatform.PlatformName } channel || incident.KickoffMessageId is not { } kickoff)
        {
            return;
        }

        var card = IncidentMessages.Kickoff(incident);
        var shown = JsonSerializer.Serialize(card);
        if (_shown.TryGetValue(number, out var last) && last == shown)
        {
            return;
        }

        await platform.UpdateAsync(channel, kickoff, card, cancellationToken);
        _shown[number] = shown;
        LogUpdated(logger, number);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Updated the kick-off card of INC-{IncidentNumber}")]
    private static partial void LogUpdated(ILogger logger, int incidentNumber);
}
