using System.Collections.Concurrent;
using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Slack;

/// <summary>
/// Slack user ids as <see cref="Actor"/>s with display names from users.info, cached: a busy channel would
/// otherwise ask for the same few people on every captured message. A failed lookup still gives an actor,
/// named by id, because the timeline must not wait on a profile.
/// </summary>
public sealed partial class SlackUsers(ISlackApi slack, TimeProvider clock, ILogger<SlackUsers> logger)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, (string Name, DateTimeOffset Until)> _names = new(StringComparer.Ordinal);

    public async Task<Actor> GetAsync(string userId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_names.TryGetValue(userId, out var cached) && cached.Until > now)
        {
            return new Actor(userId, cached.Name);
        }

        try
        {
            var user = (await slack.UserInfoAsync(userId, cancellationToken)).User;
            var name = FirstNonEmpty(user.Profile?.DisplayName, user.Profile?.RealName, user.RealName, user.Name) ?? userId;
            _names[userId] = (name, now + CacheFor);
            return new Actor(userId, name);
        }
        catch (Exception ex) when (ex.IsSlackFailure())
        {
            LogLookupFailed(logger, userId, ex.SlackError() ?? ex.GetType().Name);
            return new Actor(userId);
        }
    }

    private static string? FirstNonEmpty(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    [LoggerMessage(Level = LogLevel.Warning, Message = "users.info for {UserId} failed ({Error}); using the id as the name")]
    private static partial void LogLookupFailed(ILogger logger, string userId, string error);
}
