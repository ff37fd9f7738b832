using System.Collections.Concurrent;
using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Core.Commands;

/// <summary>
/// When the store does not answer an append, the person is told exactly that (never "nothing was changed"), and
/// the bot keeps asking the store about the request key; the follow-up says what really happened.
/// </summary>
public sealed partial class CommandHandler
{
    public const string OutcomeUnknownRetrySafe =
        "the incident store did not answer in time; it may have been recorded — retrying the same command is safe";

    public const string OutcomeUnknownCheckFirst =
        "the incident store did not answer in time; it may have been recorded — look at the timeline before retrying";

    private static readonly TimeSpan FollowUpPoll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan FollowUpGiveUp = TimeSpan.FromMinutes(2);

    // A person who retries by typing the command again sends a new request (Slack gives it a new trigger_id): while
    // the first one's outcome is unknown, the same text from the same person in the same channel reuses its key.
    private readonly ConcurrentDictionary<string, (string Key, DateTimeOffset Until)> _unknownOutcomes = new(StringComparer.Ordinal);

    private async Task<CommandOutcome> ExecuteOrExplainAsync(string text, ParsedCommand parsed, Actor actor, ConversationRef conversation,
        string? requestKey, CancellationToken cancellationToken)
    {
        var retryOf = RetryKey(text, actor, conversation);
        if (_unknownOutcomes.TryGetValue(retryOf, out var pending) && pending.Until > _clock.GetUtcNow())
        {
            requestKey = pending.Key;
        }

        try
        {
            return await ExecuteAsync(parsed, actor, conversation, requestKey, cancellationToken);
        }
        catch (StoreOutcomeUnknownException)
        {
            if (requestKey is null)
            {
                return new CommandOutcome([new CommandReply($"⚠️ {Capitalized(OutcomeUnknownCheckFirst)}.")], Failed: true);
            }

            _unknownOutcomes[retryOf] = (requestKey, _clock.GetUtcNow() + RecordedRequest.Retention);

            return new CommandOutcome([new CommandReply($"⏳ {Capitalized(OutcomeUnknownRetrySafe)}. I will tell you here what happened.")], Failed: true)
            {
                FollowUp = FollowUpAsync(text, actor, conversation, requestKey),
            };
        }
    }

    /// <summary>
    /// Asks the store about the request until it answers. Recorded: the same command is run again with the same key,
    /// which the store refuses to record twice, so it answers exactly what the first run did.
    /// </summary>
    private async Task<CommandOutcome> FollowUpAsync(string text, Actor actor, ConversationRef conversation, string requestKey)
    {
        var giveUpAt = _clock.GetUtcNow() + FollowUpGiveUp;
        while (true)
        {
            await Task.Delay(FollowUpPoll, _clock);
            try
            {
                if (await incidents.FindOutcomeAsync(requestKey, CancellationToken.None) is null)
                {
                    _unknownOutcomes.TryRemove(RetryKey(text, actor, conversation), out _);
                    return new CommandOutcome([new CommandReply("❌ That command was not recorded; nothing was changed. Run it again.")], Failed: true);
                }

                var replay = await HandleAsync(text, actor, conversation, requestKey, CancellationToken.None);
                return replay with { Replies = [new CommandReply("✅ It was recorded after all."), .. replay.Replies] };
            }
            catch (Exception) when (_clock.GetUtcNow() < giveUpAt)
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
