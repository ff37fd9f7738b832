namespace ChatOpsBot.Core.Incidents;

/// <summary>Where an event came from, so the timeline can tell a typed command from a pinned message or an alert.</summary>
public enum EventSource
{
    Command = 1,
    PinnedMessage = 2,
    Reaction = 3,
    Alert = 4,
    Reminder = 5,
    Bot = 6,
    Api = 7,
    MessageShortcut = 8,
    ChannelActivity = 9,

    /// <summary>A webhook from a tool the team runs: a pager acknowledging, a tracker closing an issue.</summary>
    Integration = 10,
}
