using System.Diagnostics.Metrics;
using ChatOpsBot.Core.Commands;
using ChatOpsBot.Core.Dora;

namespace ChatOpsBot.Observability;

/// <summary>
/// The four keys on /metrics as <c>chatopsbot_dora_*</c> gauges, per window (7d, 30d, 90d) and service ("all" overall).
/// Computing them reads the stores, which a scrape callback must not do, so a background loop refreshes a snapshot
/// every <see cref="DoraGaugeOptions.RefreshInterval"/> and the gauges read that. Every replica reports the same
/// values from the shared store: aggregate with max, not sum. Bands are 1 elite, 2 high, 3 medium, 4 low.
/// </summary>
public sealed partial class DoraGauges : BackgroundService
{
    public static readonly IReadOnlyList<int> Windows = [7, 30, 90];

    private readonly DeliveryMetrics _delivery;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _interval;
    private readonly ILogger<DoraGauges> _logger;
    private volatile IReadOnlyList<DoraReport> _reports = [];

    public DoraGauges(DeliveryMetrics delivery, TimeProvider clock, Microsoft.Extensions.Options.IOptions<DoraGaugeOptions> options, ILogger<DoraGauges> logger,
        IMeterFactory meters)
    {
        var meter = meters.Create(CommandMetrics.MeterName); // the factory owns it and disposes it with the host
        _delivery = delivery;
        _clock = clock;
        _interval = options.Value.RefreshInterval;
        _logger = logger;
        meter.CreateObservableGauge("chatopsbot.dora.deployments", () => Measure(k => k.Deployments), "{deployment}", "Successful production deploys in the window.");
        meter.CreateObservableGauge("chatopsbot.dora.deployment_frequency", () => Measure(k => k.DeploymentsPerDay), "{deployment}", "Deploys per day over the window.");
        meter.CreateObservableGauge("chatopsbot.dora.lead_time", () => Measure(k => k.LeadTimeMedian?.TotalSeconds), "s", "Median commit to deploy finished.");
        meter.CreateObservableGauge("chatopsbot.dora.change_failure_rate", () => Measure(k => k.ChangeFailureRate), "1", "Deploys tagged as an incident's cause ÷ deploys.");
        meter.CreateObservableGauge("chatopsbot.dora.time_to_restore", () => Measure(k => k.TimeToRestoreMedian?.TotalSeconds), "s", "Median detection to resolved of incidents tagged to a change.");
        meter.CreateObservableGauge("chatopsbot.dora.band", Bands, "{band}", "DORA band per key: 1 elite, 2 high, 3 medium, 4 low.");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_interval, _clock);
        do
        {
            try
            {
                var now = _clock.GetUtcNow();
                var reports = new List<DoraReport>();
                foreach (var days in Windows)
                {
                    reports.Add(await _delivery.ComputeAsync(now, days, stoppingToken));
                }

                _reports = reports;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The store may be down for a moment; the gauges keep the last snapshot and the next tick retries.
                LogRefreshFailed(_logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private IEnumerable<Measurement<double>> Measure(Func<DoraKeys, double?> value) =>
        Keys().Select(x => (x.Tags, Value: value(x.Keys))).Where(x => x.Value is not null).Select(x => new Measurement<double>(x.Value!.Value, x.Tags));

    private IEnumerable<Measurement<int>> Bands() =>
        Keys().SelectMany(x => new (string Key, DoraBand? Band)[]
            {
                ("deployment_frequency", x.Keys.DeploymentFrequencyBand), ("lead_time", x.Keys.LeadTimeBand),
                ("change_failure_rate", x.Keys.ChangeFailureRateBand), ("time_to_restore", x.Keys.TimeToRestoreBand),
            }
            .Where(b => b.Band is not null)
            .Select(b => new Measurement<int>((int)b.Band!.Value + 1, [.. x.Tags, new("key", b.Key)])));

    private IEnumerable<(DoraKeys Keys, KeyValuePair<string, object?>[] Tags)> Keys() =>
        _reports.SelectMany(r => r.ByService.Prepend(r.Overall).Select(k => (k, new KeyValuePair<string, object?>[] { new("window", $"{r.Days}d"), new("service", k.Service) })));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing the DORA gauges failed; keeping the last values")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}

public sealed class DoraGaugeOptions
{
    public const string Section = "Dora";

    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(1);
}
