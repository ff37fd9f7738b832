using ChatOpsBot.Chat;
using ChatOpsBot.Core.Alerts;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Messages;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Webhooks;

/// <summary>
/// Posts "Declare incident?" prompts in the triage channel of the default chat platform (the one incidents not
/// declared in chat get, Reconciler:DefaultPlatform). A prompt that could not be posted gives its claim back,
/// so the sender's retry or next notification posts it.
/// </summary>
public sealed partial class TriagePrompter(
    ChatPlatforms platforms,
    IIncidentStore store,
    IOptions<WebhookOptions> options,
    ILogger<TriagePrompter> logger)
{
    /// <summary>True when posted; false when there is nowhere to post (no platform, no triage channel).</summary>
    public async Task<bool> PostAsync(AlertPrompt prompt, CancellationToken cancellationToken)
    {
        var platform = platforms.Default;
        var channelName = options.Value.TriageChannel.Trim().TrimStart('#');
        try
        {
            var channel = platform is null ? null : await platform.FindChannelAsync(channelName, cancellationToken);
            if (platform is null || channel is null)
            {
                LogNoTriageChannel(logger, channelName, platform?.Name ?? "(none)");
                await store.ReleaseClaimAsync(prompt.ClaimKey, CancellationToken.None);
                return false;
            }

            await platform.PostAsync(channel, prompt.Message, cancellationToken);
            return true;
        }
        catch
        {
            await store.ReleaseClaimAsync(prompt.ClaimKey, CancellationToken.None);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No triage channel #{Channel} on chat platform {Platform}; the alert prompt was not posted")]
    private static partial void LogNoTriageChannel(ILogger logger, string channel, string platform);
}
