using ChatOpsBot.Core.Commands;

namespace ChatOpsBot.Console;

/// <summary>
/// The console's response_url: when the store did not answer a command in time, what really happened is posted by
/// the bot in the channel the command was typed in, addressed to whoever typed it.
/// </summary>
public static class ConsoleFollowUps
{
    public static void PostLater(IConsoleStore store, TimeProvider clock, string channel, string user, CommandOutcome outcome)
    {
        if (outcome.FollowUp is not { } followUp)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            var later = await followUp;
            var text = $"@{user} {string.Join("\n", later.Replies.Select(r => r.Text))}";
            // The store may still be struggling; the follow-up is best effort, like Slack's response_url.
            for (var attempt = 0; attempt < 30; attempt++)
            {
                try
                {
                    await store.PostMessageAsync(channel, new ConsoleMessageDraft(LocalChatPlatform.BotUser, text, clock.GetUtcNow()), CancellationToken.None);
                    return;
                }
                catch (Exception)
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), clock);
                }
            }
        });
    }
}
