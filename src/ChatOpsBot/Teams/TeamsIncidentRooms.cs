using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Teams;

/// <summary>Which incident conversation an activity happened in.</summary>
public static class TeamsIncidentRooms
{
    /// <summary>
    /// An incident thread (thread mode) is matched exactly; otherwise a message in any thread of a channel belongs to
    /// the channel (channel mode: the incident's own channel).
    /// </summary>
    public static async Task<ConversationRef> ConversationOfAsync(IncidentReader incidents, Activity activity, CancellationToken cancellationToken)
    {
        var id = activity.Conversation!.Id!;
        var exact = TeamsChatPlatform.Conversation(id);
        if (id.Contains(";messageid=", StringComparison.OrdinalIgnoreCase) && await incidents.FindByChannelAsync(exact, cancellationToken) is not null)
        {
            return exact;
        }

        return TeamsChatPlatform.Conversation(TeamsConversation.Bare(id), activity.ChannelData?.Channel?.Name);
    }
}
