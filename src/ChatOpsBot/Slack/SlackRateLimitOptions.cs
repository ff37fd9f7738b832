namespace ChatOpsBot.Slack;

/// <summary>
/// Settings under "Slack:RateLimits": how fast the bot lets itself call each Web API method, so a storm of incidents
/// queues here instead of collecting 429s. Defaults follow Slack's published tiers (Tier 2 about 20 calls a minute, Tier 3
/// about 50) and chat.postMessage's one message a second per channel with short bursts. A method not listed is not limited.
/// </summary>
public sealed class SlackRateLimitOptions
{
    /// <summary>False sends every call at once, as before (Retry-After is still honoured by the retry pipeline).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Calls a minute per method, across the workspace. Configuration adds to or overrides these.</summary>
    public Dictionary<string, int> PerMinute { get; set; } = new(StringComparer.Ordinal)
    {
        ["conversations.create"] = 20,
        ["conversations.setPurpose"] = 20,
        ["conversations.invite"] = 50,
        ["conversations.setTopic"] = 50,
        ["conversations.archive"] = 50,
        ["chat.update"] = 50,
        ["conversations.list"] = 20,
    };

    /// <summary>chat.postMessage calls a second into one channel, once its burst is spent.</summary>
    public double PostMessagePerChannelPerSecond { get; set; } = 1;

    /// <summary>How many chat.postMessage calls into one channel may go at once before the per-second pace applies.</summary>
    public int PostMessageBurst { get; set; } = 3;

    /// <summary>Calls that may wait for one method (or channel) before more are refused locally as rate limited.</summary>
    public int QueueLimit { get; set; } = 10_000;
}
