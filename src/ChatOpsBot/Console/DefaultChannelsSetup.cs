using Microsoft.Extensions.Options;

namespace ChatOpsBot.Console;

/// <summary>
/// Creates the default public channels at start. Idempotent and safe with several replicas:
/// <see cref="IConsoleStore.TryCreateChannelAsync"/> creates each at most once.
/// </summary>
internal sealed class DefaultChannelsSetup(IConsoleStore store, IOptions<ConsoleOptions> options, TimeProvider clock, ILogger<DefaultChannelsSetup> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var stakeholders = options.Value.StakeholderChannels.Configured().Select(c => ConsoleOptions.Normalize(c.Channel))
            .Append(ConsoleOptions.Normalize(options.Value.StakeholderChannel)).ToHashSet();
        foreach (var name in options.Value.ChannelsToEnsure())
        {
            var (topic, purpose) = stakeholders.Contains(name) ? ("Incident announcements for stakeholders", "Where ChatOpsBot announces incidents")
                : name == "general" ? ("Company-wide announcements", "Talk to the team; declare incidents with `/incident declare`")
                : ("", "");
            var channel = new ConsoleChannel(name, topic, purpose, IsPrivate: false, Members: [], clock.GetUtcNow());
            if (await store.TryCreateChannelAsync(channel, cancellationToken))
            {
                logger.LogInformation("Created console channel #{Channel}", name);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
