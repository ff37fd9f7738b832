using System.Text.RegularExpressions;
using ChatOpsBot.Incidents;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Console;

/// <summary>Settings under "Console": the built-in web console and its Local chat platform.</summary>
public sealed class ConsoleOptions
{
    public const string Section = "Console";

    /// <summary>
    /// On when unset: the console is the embedded default, how a newcomer sees the product without a Slack
    /// workspace. Set false to turn both the API and the UI off.
    /// </summary>
    public bool? Enabled { get; set; }

    /// <summary>Where the bot announces incidents to stakeholders; created at start.</summary>
    public string StakeholderChannel { get; set; } = "incidents";

    /// <summary>Channels that replace <see cref="StakeholderChannel"/> for one severity; created at start like it.</summary>
    public SeverityChannels StakeholderChannels { get; set; } = new();

    /// <summary>Console user names invited to every non-private incident channel, e.g. the on-call lead.</summary>
    public List<string> DefaultResponders { get; set; } = [];

    /// <summary>Public channels created at start if missing.</summary>
    public List<string> DefaultChannels { get; set; } = ["general", "incidents"];

    /// <summary>Every channel to ensure at start: the defaults plus the stakeholder channel, once each.</summary>
    public IReadOnlyList<string> ChannelsToEnsure() =>
        DefaultChannels.Append(StakeholderChannel).Concat(StakeholderChannels.Configured().Select(c => c.Channel)).Select(Normalize).Where(n => n.Length > 0).Distinct().ToList();

    /// <summary>
    /// Read from configuration before the container exists, because it decides what gets registered and mapped.
    /// Unset means on in Development and whenever no other chat platform is configured, so a fresh install always
    /// has somewhere to type, and a production Slack deployment does not expose a second way in by accident.
    /// </summary>
    public static bool IsEnabled(IConfiguration configuration, IHostEnvironment environment) =>
        configuration.GetSection(Section).GetValue<bool?>(nameof(Enabled))
        ?? (environment.IsDevelopment() || !Slack.SlackOptions.IsEnabled(configuration));

    internal static string Normalize(string name) => name.Trim().TrimStart('#').ToLowerInvariant();
}

internal sealed partial class ConsoleOptionsValidator : IValidateOptions<ConsoleOptions>
{
    public ValidateOptionsResult Validate(string? name, ConsoleOptions options)
    {
        var failures = new List<string>();
        if (!IsChannelName(options.StakeholderChannel))
        {
            failures.Add($"Console:StakeholderChannel '{options.StakeholderChannel}' is not a channel name: lowercase letters, digits, '-' or '_', at most 80 characters.");
        }

        failures.AddRange(options.StakeholderChannels.Configured().Where(c => !IsChannelName(c.Channel)).Select(c =>
            $"Console:StakeholderChannels:{c.Severity} '{c.Channel}' is not a channel name: lowercase letters, digits, '-' or '_', at most 80 characters."));
        failures.AddRange(options.DefaultChannels.Where(c => !IsChannelName(c)).Select(c =>
            $"Console:DefaultChannels entry '{c}' is not a channel name: lowercase letters, digits, '-' or '_', at most 80 characters."));
        failures.AddRange(options.DefaultResponders.Where(u => !ConsoleApi.IsUserName(u)).Select(u =>
            $"Console:DefaultResponders entry '{u}' is not a console user name: 1 to 32 letters, digits, '.', '_' or '-'."));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsChannelName(string? name) => name is not null && ChannelName().IsMatch(ConsoleOptions.Normalize(name));

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,79}$")]
    private static partial Regex ChannelName();
}
