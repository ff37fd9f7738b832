using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Slack;

/// <summary>
/// Slack gives every slash command and interaction its own trigger_id, and a replay of the same signed request
/// carries the same one: it is the request key that makes the replay run once.
/// </summary>
public static class SlackRequestKeys
{
    /// <param name="index">Which of a payload's several actions, for the rare payload carrying more than one.</param>
    public static string? Of(string? triggerId, int index = 0) =>
        string.IsNullOrEmpty(triggerId) || triggerId.Length > RecordedRequest.MaxKeyLength - 16
            ? null
            : index == 0 ? $"slack:{triggerId}" : $"slack:{triggerId}:{index}";
}
