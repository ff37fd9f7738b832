using System.Collections.Concurrent;
using System.Threading.Channels;
using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Workers;

/// <summary>
/// Background work on one incident at a time, level-triggered: after every append on this replica, for every
/// incident at start-up, and again on a periodic sweep, the safety net for anything missed (another replica's
/// append, a failure). Requests for an incident already waiting in the queue collapse into one.
/// </summary>
public abstract partial class IncidentWorker(IncidentService incidents, TimeProvider clock, ILogger logger) : BackgroundService
{
    protected IncidentService Incidents => incidents;

    protected TimeProvider Clock => clock;

    protected ILogger Logger => logger;

    // Waiting incidents, most urgent first (Priority), then in the order they were asked for; the channel only signals.
    private readonly PriorityQueue<int, (int Priority, long Sequence)> _waiting = new();
    private readonly Channel<bool> _signal = Channel.CreateUnbounded<bool>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<int, byte> _queued = new();
    private long _sequence;
    private long _pending; // queued or being processed

    /// <summary>
    /// Nothing queued and nothing being processed: every pass asked for so far, and every pass those passes asked
    /// for, has finished. Tests wait for it before asserting that something did not happen.
    /// </summary>
    public bool IsDrained => Interlocked.Read(ref _pending) == 0;

    protected abstract TimeSpan SweepInterval { get; }

    /// <summary>False turns the worker off for this host (e.g. no chat platform to act on).</summary>
    protected virtual bool IsNeeded => true;

    /// <summary>Brings one incident up to date. Idempotent: it may run again for the same state.</summary>
    protected abstract Task ProcessAsync(int number, CancellationToken cancellationToken);

    /// <summary>Lower goes first: e.g. the reconciler opens a SEV1's channel before a SEV3's when chat calls are rationed.</summary>
    protected virtual int Priority(int number) => 0;

    public void Enqueue(int number)
    {
        if (_queued.TryAdd(number, 0))
        {
            Interlocked.Increment(ref _pending);
            lock (_waiting)
            {
                _waiting.Enqueue(number, (Priority(number), _sequence++));
            }

            _signal.Writer.TryWrite(true);
        }
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        incidents.Reader.Changed += OnChanged;
        return base.StartAsync(cancellationToken);
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        incidents.Reader.Changed -= OnChanged;
        return base.StopAsync(cancellationToken);
    }

    protected virtual void OnChanged(Incident incident, IReadOnlyList<IncidentEvent> appended) => Enqueue(incident.Number);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!IsNeeded)
        {
            return;
        }

        var sweep = SweepAsync(stoppingToken);
        await foreach (var signal in _signal.Reader.ReadAllAsync(stoppingToken))
        {
            int number;
            lock (_waiting)
            {
                if (!signal || !_waiting.TryDequeue(out number, out _))
                {
                    continue;
                }
            }

            _queued.TryRemove(number, out _);
            try
            {
                await ProcessAsync(number, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The sweep comes back to it; what was not recorded is exactly what is still to do.
                LogFailed(logger, ex, GetType().Name, number);
            }
            finally
            {
                // After ProcessAsync, whose own appends have already queued the next pass.
                Interlocked.Decrement(ref _pending);
            }
        }

        await sweep;
    }

    private async Task SweepAsync(CancellationToken stoppingToken)
    {
        // The first pass runs at once: it is the start-up pass over every incident.
        using var timer = new PeriodicTimer(SweepInterval, clock);
        do
        {
            try
            {
                foreach (var incident in await incidents.Reader.ListAsync(stoppingToken))
                {
                    Enqueue(incident.Number);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogSweepFailed(logger, ex, GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Worker} failed on INC-{IncidentNumber}; it will be retried")]
    private static partial void LogFailed(ILogger logger, Exception exception, string worker, int incidentNumber);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Worker} sweep failed")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception, string worker);
}
