using System.ComponentModel.DataAnnotations;

namespace ChatOpsBot.Reconciling;

/// <summary>Settings under "Reconciler".</summary>
public sealed class ReconcilerOptions
{
    public const string Section = "Reconciler";

    /// <summary>The safety net: how often every incident is checked for missing chat steps, besides reacting to each change.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Reconciler:SweepInterval must be between 00:00:01 and 01:00:00.")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a replica's claim on a step lasts without renewal. The holder renews it every third of this while the
    /// step runs, so it bounds only how long a dead holder (a crash half-way) blocks the step: short enough that a
    /// restarted host opens the channel within seconds, long enough that a store pause does not let two replicas in.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00", ErrorMessage = "Reconciler:StepLease must be between 00:00:01 and 00:30:00.")]
    public TimeSpan StepLease { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The platform for incidents not declared in chat (alerts, the API); empty means the first one registered.</summary>
    public string? DefaultPlatform { get; set; }
}
