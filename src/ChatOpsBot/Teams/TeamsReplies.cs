using System.Text.Json.Nodes;
using ChatOpsBot.Core.Commands;
using ChatOpsBot.Core.Messages;

namespace ChatOpsBot.Teams;

/// <summary>
/// Answers the person after the activity was acknowledged. Teams has no ephemeral messages, so a private reply is a
/// 1:1 message to the person (in a 1:1 chat, simply the reply there); a public one is a reply in the conversation.
/// Failures are logged, not thrown: nobody is waiting for them.
/// </summary>
public sealed partial class TeamsReplies(BotConnector connector, TeamsChatPlatform platform, ILogger<TeamsReplies> logger)
{
    public static string Text(CommandOutcome outcome) => string.Join("\n", outcome.Replies.Select(r => r.Text));

    public async Task SendAsync(Activity to, CommandOutcome outcome)
    {
        var replies = outcome.Replies.ToList();
        if (outcome.Attachment is { } attachment)
        {
            // No files on Teams: the notice already carries the download link.
            replies = [new CommandReply(attachment.Notice)];
        }

        var privateText = string.Join("\n", replies.Where(r => r.IsPrivate).Select(r => r.Text));
        var publicText = string.Join("\n", replies.Where(r => !r.IsPrivate).Select(r => r.Text));
        if (publicText.Length > 0)
        {
            await ReplyAsync(to, new ChatMessage(publicText));
        }

        if (privateText.Length > 0)
        {
            await PrivatelyAsync(to, new ChatMessage(privateText));
        }
    }

    public async Task PrivatelyAsync(Activity to, ChatMessage message)
    {
        if (to.Conversation?.ConversationType == "personal")
        {
            await ReplyAsync(to, message);
            return;
        }

        await TryAsync(() => platform.SendDirectMessageAsync(to.From?.Id ?? "", message, CancellationToken.None));
    }

    public Task ReplyAsync(Activity to, ChatMessage message) =>
        ReplyAsync(to, AdaptiveCards.Render(message));

    public async Task ReplyAsync(Activity to, IReadOnlyList<JsonObject> activities)
    {
        var conversation = to.Conversation?.Id;
        if (conversation is null)
        {
            return;
        }

        await TryAsync(async () =>
        {
            var api = await connector.ForAsync(conversation, CancellationToken.None);
            foreach (var activity in activities)
            {
                activity["replyToId"] = to.Id;
                if (to.Id is { } id)
                {
                    await api.ReplyAsync(conversation, id, activity, CancellationToken.None);
                }
                else
                {
                    await api.SendAsync(conversation, activity, CancellationToken.None);
                }
            }

            return "";
        });
    }

    private async Task TryAsync(Func<Task<string>> send)
    {
        try
        {
            await send();
        }
        catch (Exception ex) when (ex is HttpRequestException or Refit.ApiException or InvalidOperationException)
        {
            LogReplyFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answering a Teams activity failed")]
    private static partial void LogReplyFailed(ILogger logger, Exception exception);
}
