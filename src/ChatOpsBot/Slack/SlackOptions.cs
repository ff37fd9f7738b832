using ChatOpsBot.Incidents;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Slack;

/// <summary>
/// Settings under "Slack". Slack is on when the bot token is set with the signing secret (Request URLs), the
/// app-level token (Socket Mode), or both.
/// </summary>
public sealed class SlackOptions
{
    public const string Section = "Slack";

    /// <summary>From the app's Basic Information page; proves a request came from Slack.</summary>
    public string? SigningSecret { get; set; }

    /// <summary>The app-level token (xapp-..., scope connections:write) that turns on Socket Mode.</summary>
    public string? AppToken { get; set; }

    /// <summary>First wait before reopening a dropped Socket Mode connection; doubles per failure up to 30 s.</summary>
    public TimeSpan SocketReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The bot token (xoxb-...) the Web API calls carry.</summary>
    public string? BotToken { get; set; }

    /// <summary>Channel id (C...) where new incidents are announced; the bot must be a member.</summary>
    public string StakeholderChannel { get; set; } = "";

    /// <summary>Channel ids that replace <see cref="StakeholderChannel"/> for one severity, e.g. SEV1s to the executives' channel.</summary>
    public SeverityChannels StakeholderChannels { get; set; } = new();

    /// <summary>Slack user ids (U...) invited to every public incident channel.</summary>
    public List<string> DefaultResponders { get; set; } = [];

    /// <summary>The reaction name (no colons) that puts a message on the timeline.</summary>
    public string TimelineReaction { get; set; } = "pushpin";

    /// <summary>Tests point this at WireMock.</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://slack.com/api/");

    /// <summary>First back-off for transient Web API failures (5xx, network); doubles per attempt. 429s wait Retry-After instead.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Client-side pacing of Web API calls per method and per channel (Slack:RateLimits).</summary>
    public SlackRateLimitOptions RateLimits { get; set; } = new();

    /// <summary>Requests whose X-Slack-Request-Timestamp is further from now than this are replays. Slack's documented window.</summary>
    public TimeSpan SignatureTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a slash command may take before it is acknowledged and the answer goes to response_url later.</summary>
    public TimeSpan AcknowledgeWithin { get; set; } = TimeSpan.FromSeconds(2);

    public static bool IsEnabled(IConfiguration configuration) =>
        (HasRequestUrls(configuration) || !string.IsNullOrWhiteSpace(configuration[$"{Section}:{nameof(AppToken)}"]))
        && !string.IsNullOrWhiteSpace(configuration[$"{Section}:{nameof(BotToken)}"]);

    /// <summary>The HTTP endpoints exist only with a signing secret to verify them by; Socket Mode alone needs none.</summary>
    public static bool HasRequestUrls(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[$"{Section}:{nameof(SigningSecret)}"]);
}

/// <summary>Checks the settings at start, naming the key that is wrong. Never echoes a secret.</summary>
public sealed class SlackOptionsValidator : IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        var errors = new List<string>();
        var socketMode = !string.IsNullOrWhiteSpace(options.AppToken);
        if (socketMode ? options.SigningSecret is { Length: > 0 and < 16 } : string.IsNullOrWhiteSpace(options.SigningSecret) || options.SigningSecret.Length < 16)
        {
            errors.Add("Slack:SigningSecret must be the app's signing secret (Basic Information → App Credentials).");
        }

        if (socketMode && !options.AppToken!.StartsWith("xapp-", StringComparison.Ordinal))
        {
            errors.Add("Slack:AppToken must be an app-level token starting with xapp- (Basic Information → App-Level Tokens, scope connections:write).");
        }

        if (options.SocketReconnectDelay <= TimeSpan.Zero)
        {
            errors.Add("Slack:SocketReconnectDelay must be more than zero, e.g. 00:00:01.");
        }

        if (options.BotToken is null || !options.BotToken.StartsWith("xoxb-", StringComparison.Ordinal))
        {
            errors.Add("Slack:BotToken must be a bot token starting with xoxb- (OAuth & Permissions).");
        }

        if (string.IsNullOrWhiteSpace(options.StakeholderChannel))
        {
            errors.Add("Slack:StakeholderChannel must be the id of the channel where incidents are announced, e.g. C0123456789.");
        }

        foreach (var (severity, channel) in options.StakeholderChannels.Configured())
        {
            if (!IsChannelId(channel))
            {
                errors.Add($"Slack:StakeholderChannels:{severity} must be a channel id such as C0123456789 (was '{channel}').");
            }
        }

        if (options.DefaultResponders.Any(u => !IsUserId(u)))
        {
            errors.Add("Slack:DefaultResponders must be Slack user ids such as U0123456789.");
        }

        if (string.IsNullOrWhiteSpace(options.TimelineReaction) || options.TimelineReaction.Contains(':', StringComparison.Ordinal))
        {
            errors.Add("Slack:TimelineReaction must be a reaction name without colons, e.g. pushpin.");
        }

        if (!options.ApiBaseUrl.IsAbsoluteUri)
        {
            errors.Add("Slack:ApiBaseUrl must be an absolute URL such as https://slack.com/api/.");
        }

        if (options.SignatureTolerance <= TimeSpan.Zero || options.SignatureTolerance > TimeSpan.FromMinutes(5))
        {
            errors.Add("Slack:SignatureTolerance must be more than zero and at most 00:05:00.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    // Public (C), private (G) and shared-to-org channel ids; '#' is tolerated as the platform strips it.
    private static bool IsChannelId(string id) =>
        id.TrimStart('#') is { Length: >= 2 and <= 32 } bare && bare[0] is 'C' or 'G' && bare.All(char.IsAsciiLetterOrDigit);

    private static bool IsUserId(string id) =>
        id.Length is >= 2 and <= 32 && id[0] is 'U' or 'W' && id.All(char.IsAsciiLetterOrDigit);
}
