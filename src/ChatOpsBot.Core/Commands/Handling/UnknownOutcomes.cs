using System.Collections.Concurrent;
using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Core.Commands.Handling;

/// <summary>
/// When the store does not answer an append, the person is told exactly that (never "nothing was changed"), and
/// the bot keeps asking the store about the request key; the follow-up says what really happened.
/// </summary>
internal sealed class UnknownOutcomes(IncidentService incidents, TimeProvider clock)
{
    public const string RetrySafe =
        "the incident store did not answer in time; it may have been recorded — retrying the same command is safe";

    public const string CheckFirst =
        "the incident store did not answer in time; it may have been recorded — look at the timeline before retrying";

    private static readonly TimeSpan FollowUpPoll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan FollowUpGiveUp = TimeSpan.FromMinutes(2);

    // A person who retries by typing the command again sends a new request (Slack gives it a new trigger_id): while
    // the first one's outcome is unknown, the same text from the same person in the same channel reuses its key.
    private readonly ConcurrentDictionary<string, (string Key, DateTimeOffset Until)> _pending = new(StringComparer.Ordinal);

    /// <param name="execute">Runs the command under the request key it is given.</param>
    /// <param name="replay">Handles the same text again, from the top, under the recorded request key.</param>
    public async Task<CommandOutcome> ExecuteOrExplainAsync(string text, Actor actor, ConversationRef conversation, string? requestKey,
        Func<string?, Task<CommandOutcome>> execute, Func<string, Task<CommandOutcome>> replay)
    {
        var retryOf = RetryKey(text, actor, conversation);
        if (_pending.TryGetValue(retryOf, out var pending) && pending.Until > clock.GetUtcNow())
        {
            requestKey = pending.Key;
        }

        try
        {
            return await execute(requestKey);
        }
        catch (StoreOutcomeUnknownException)
        {
            if (requestKey is null)
            {
                return new CommandOutcome([new CommandReply($"⚠️ {Capitalized(CheckFirst)}.")], Failed: true);
            }

            _pending[retryOf] = (requestKey, clock.GetUtcNow() + RecordedRequest.Retention);

            return new CommandOutcome([new CommandReply($"⏳ {Capitalized(RetrySafe)}. I will tell you here what happened.")], Failed: true)
            {
                FollowUp = FollowUpAsync(retryOf, requestKey, replay),
            };
        }
    }

    /// <summary>
    /// Asks the store about the request until it answers. Recorded: the same command is run again with the same key,
    /// which the store refuses to record twice, so it answers exactly what the first run did.
    /// </summary>
    private async Task<CommandOutcome> FollowUpAsync(string retryOf, string requestKey, Func<string, Task<CommandOutcome>> replay)
    {
        var giveUpAt = clock.GetUtcNow() + FollowUpGiveUp;
        while (true)
        {
            await Task.Delay(FollowUpPoll, clock);
            try
            {
                if (await incidents.FindOutcomeAsync(requestKey, CancellationToken.None) is null)
                {
                    _pending.TryRemove(retryOf, out _);
                    return new CommandOutcome([new CommandReply("❌ That command was not recorded; nothing was changed. Run it again.")], Failed: true);
                }

                var replayed = await replay(requestKey);
                return replayed with { Replies = [new CommandReply("✅ It was recorded after all."), .. replayed.Replies] };
            }
            catch (Exception) when (clock.GetUtcNow() < giveUpAt)
            {
                // The store is still away; ask again.
            }
            catch (Exception)
            {
                return new CommandOutcome([new CommandReply(
                    "⚠️ The incident store is still not answering, so I cannot tell whether that command was recorded. Retrying the same command is safe.")], Failed: true);
            }
        }
    }

    private static string RetryKey(string text, Actor actor, ConversationRef conversation) =>
        $"{actor.Id}\n{conversation.Platform}:{conversation.Id}\n{text.Trim()}";

    private static string Capitalized(string sentence) => char.ToUpperInvariant(sentence[0]) + sentence[1..];
}
