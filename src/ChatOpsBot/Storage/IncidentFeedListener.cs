using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Storage;

/// <summary>
/// Hands the store's append announcements to <see cref="IncidentService"/>, and once it listens lets the service serve
/// current incidents from memory. Registered before the background workers, so it is subscribed when they start.
/// If subscribing fails the service simply keeps reading every incident from the store, as it would without a feed.
/// </summary>
internal sealed partial class IncidentFeedListener(IIncidentAppendFeed feed, IncidentReader incidents, ILogger<IncidentFeedListener> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await feed.SubscribeAsync(incidents.Announced, incidents.AnnouncementsMayHaveBeenLost, cancellationToken);
            incidents.TrustAnnouncements();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFeedFailed(logger, ex);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not subscribed to appends; every incident is read from the store and other replicas' reminders are re-planned by the sweep only")]
    private static partial void LogFeedFailed(ILogger logger, Exception exception);
}
