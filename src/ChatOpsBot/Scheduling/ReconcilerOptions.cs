using System.ComponentModel.DataAnnotations;

namespace ChatOpsBot.Scheduling;

/// <summary>Settings under "Chat": what every platform's incident channels get.</summary>
public sealed class ChatOptions
{
    public const string Section = "Chat";

    /// <summary>Where new incidents are announced to stakeholders (never private ones).</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Chat:StakeholderChannel must name a channel.")]
    public string StakeholderChannel { get; set; } = "incidents";

    /// <summary>User ids invited to every incident channel, e.g. the on-call lead.</summary>
    public List<string> DefaultResponders { get; set; } = [];

    /// <summary>The platform for incidents that were not declared in chat (alerts, the API); empty means the first one registered.</summary>
    public string? DefaultPlatform { get; set; }
}

/// <summary>Settings under "Reconciler".</summary>
public sealed class ReconcilerOptions
{
    public const string Section = "Reconciler";

    /// <summary>The safety net: how often every incident is checked for missing chat steps, besides reacting to each change.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Reconciler:SweepInterval must be between 00:00:01 and 01:00:00.")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one replica holds a step before another may retry it (the step may have crashed half-way).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00", ErrorMessage = "Reconciler:StepLease must be between 00:00:01 and 00:30:00.")]
    public TimeSpan StepLease { get; set; } = TimeSpan.FromMinutes(1);
}
