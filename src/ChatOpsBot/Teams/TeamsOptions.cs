using Microsoft.Extensions.Options;

namespace ChatOpsBot.Teams;

public enum TeamsChannelMode
{
    /// <summary>Each incident gets its own channel in the team (Graph).</summary>
    Channel,

    /// <summary>Each incident is a new thread in the incidents channel.</summary>
    Thread,
}

public enum TeamsChannelMembershipType
{
    /// <summary>Open to the whole team; nobody needs adding.</summary>
    Standard,

    /// <summary>Only its members see it: the incident's people are added through Graph as they join.</summary>
    Private,
}

/// <summary>Settings under "Teams". Teams is on when Teams:AppId and Teams:AppPassword are set.</summary>
public sealed class TeamsOptions
{
    public const string Section = "Teams";

    /// <summary>The bot's Microsoft App ID (Azure Bot registration); the audience of every inbound token.</summary>
    public string? AppId { get; set; }

    /// <summary>The app registration's client secret, for outbound tokens.</summary>
    public string? AppPassword { get; set; }

    /// <summary>The Entra tenant id of a single-tenant bot, or "botframework.com" for a multi-tenant one.</summary>
    public string? TenantId { get; set; }

    /// <summary>The team (its Entra group id) incident channels are created in.</summary>
    public string? TeamId { get; set; }

    /// <summary>The channel (19:…@thread.tacv2) incidents get a thread in when <see cref="ChannelMode"/> is thread.</summary>
    public string? IncidentsChannelId { get; set; }

    /// <summary>The channel (19:…@thread.tacv2) where incidents are announced and status updates go.</summary>
    public string? StakeholderChannelId { get; set; }

    /// <summary>
    /// The app's id in the tenant's app catalog (Teams admin center → Manage apps), so the bot can be installed in a
    /// private incident's group chat and post there. Optional: without it, install the app in those chats by hand.
    /// </summary>
    public string? CatalogAppId { get; set; }

    public TeamsChannelMode ChannelMode { get; set; } = TeamsChannelMode.Channel;

    /// <summary>
    /// Whether incident channels (Teams:ChannelMode channel) are created standard or private. A private channel is
    /// created with the declarer as its owner and each responder added as a member (Graph, ChannelMember.ReadWrite.All).
    /// </summary>
    public TeamsChannelMembershipType ChannelMembershipType { get; set; } = TeamsChannelMembershipType.Standard;

    public Uri OpenIdMetadataUrl { get; set; } = new("https://login.botframework.com/v1/.well-known/openidconfiguration");

    /// <summary>The client-credentials token endpoint; empty means the Microsoft identity platform for <see cref="TenantId"/>.</summary>
    public Uri? TokenEndpoint { get; set; }

    public Uri GraphBaseUrl { get; set; } = new("https://graph.microsoft.com/v1.0/");

    /// <summary>
    /// Where outbound calls go before an activity told the bot its region's serviceUrl (after a restart, on another
    /// replica). The global address works for every region.
    /// </summary>
    public Uri ServiceUrl { get; set; } = new("https://smba.trafficmanager.net/teams/");

    /// <summary>Teams user ids (29:…) added to every non-private incident channel.</summary>
    public List<string> DefaultResponders { get; set; } = [];

    /// <summary>First back-off for 429/412/502/504 from the Bot Connector and Graph; doubles per attempt. Retry-After wins when sent.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a card button may work before its invoke is answered "working on it" and the answer follows as a message.</summary>
    public TimeSpan AcknowledgeWithin { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A token with an unknown key id refetches the keys at most this often, so garbage tokens cannot hammer the metadata endpoint.</summary>
    public TimeSpan KeyRefetchInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Activities larger than this are refused; Teams' own messages stay under about 100 KB.</summary>
    public int MaxActivityBytes { get; set; } = 256 * 1024;

    public Uri EffectiveTokenEndpoint =>
        TokenEndpoint ?? new Uri($"https://login.microsoftonline.com/{Uri.EscapeDataString(TenantId ?? "botframework.com")}/oauth2/v2.0/token");

    public static bool IsEnabled(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[$"{Section}:{nameof(AppId)}"])
        && !string.IsNullOrWhiteSpace(configuration[$"{Section}:{nameof(AppPassword)}"]);
}

/// <summary>Checks the settings at start, naming the key that is wrong. Never echoes the password.</summary>
public sealed class TeamsOptionsValidator : IValidateOptions<TeamsOptions>
{
    public ValidateOptionsResult Validate(string? name, TeamsOptions options)
    {
        var errors = new List<string>();
        if (!Guid.TryParse(options.AppId, out _))
        {
            errors.Add("Teams:AppId must be the bot's Microsoft App ID, a GUID (Azure Bot → Configuration).");
        }

        if (string.IsNullOrWhiteSpace(options.AppPassword))
        {
            errors.Add("Teams:AppPassword must be a client secret of the bot's app registration.");
        }

        if (options.TenantId is not ("botframework.com" or null) && !Guid.TryParse(options.TenantId, out _))
        {
            errors.Add("Teams:TenantId must be your Entra tenant id (a GUID), or botframework.com for a multi-tenant bot.");
        }

        if (options.ChannelMode == TeamsChannelMode.Channel && string.IsNullOrWhiteSpace(options.TeamId))
        {
            errors.Add("Teams:TeamId must be the id (Entra group id) of the team incident channels are created in, since Teams:ChannelMode is channel.");
        }

        if (options.ChannelMode == TeamsChannelMode.Thread && !IsChannelId(options.IncidentsChannelId))
        {
            errors.Add("Teams:IncidentsChannelId must be a channel id such as 19:abc@thread.tacv2, since Teams:ChannelMode is thread.");
        }

        if (options.IncidentsChannelId is { Length: > 0 } && !IsChannelId(options.IncidentsChannelId))
        {
            errors.Add("Teams:IncidentsChannelId must be a channel id such as 19:abc@thread.tacv2.");
        }

        if (!IsChannelId(options.StakeholderChannelId))
        {
            errors.Add("Teams:StakeholderChannelId must be the id of the channel where incidents are announced, e.g. 19:abc@thread.tacv2.");
        }

        Absolute(errors, "Teams:OpenIdMetadataUrl", options.OpenIdMetadataUrl);
        Absolute(errors, "Teams:GraphBaseUrl", options.GraphBaseUrl);
        Absolute(errors, "Teams:ServiceUrl", options.ServiceUrl);
        if (options.TokenEndpoint is not null)
        {
            Absolute(errors, "Teams:TokenEndpoint", options.TokenEndpoint);
        }

        if (options.DefaultResponders.Any(u => !u.StartsWith("29:", StringComparison.Ordinal)))
        {
            errors.Add("Teams:DefaultResponders must be Teams user ids starting with 29:.");
        }

        if (options.AcknowledgeWithin <= TimeSpan.Zero || options.AcknowledgeWithin > TimeSpan.FromSeconds(14))
        {
            errors.Add("Teams:AcknowledgeWithin must be more than zero and under the connector's 15 seconds (at most 00:00:14).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsChannelId(string? id) =>
        id is { Length: > 3 } && id.StartsWith("19:", StringComparison.Ordinal) && id.Contains('@', StringComparison.Ordinal);

    private static void Absolute(List<string> errors, string key, Uri? url)
    {
        if (url is null || !url.IsAbsoluteUri || url.Scheme is not ("https" or "http"))
        {
            errors.Add($"{key} must be an absolute http(s) URL.");
        }
    }
}
