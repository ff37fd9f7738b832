using System.Security.Cryptography;
using System.Text;

namespace ChatOpsBot.Slack;

/// <summary>
/// Slack gives every slash command and interaction its own trigger_id, and a replay of the same signed request
/// carries the same one: it is the request key that makes the replay run once. It is kept hashed, because a
/// trigger_id opens modals for a few seconds and the key is on the timeline (and so in exports).
/// </summary>
public static class SlackRequestKeys
{
    /// <param name="index">Which of a payload's several actions, for the rare payload carrying more than one.</param>
    public static string? Of(string? triggerId, int index = 0)
    {
        if (string.IsNullOrEmpty(triggerId))
        {
            return null;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(triggerId)))[..32];
        return index == 0 ? $"slack:{hash}" : $"slack:{hash}:{index}";
    }
}
