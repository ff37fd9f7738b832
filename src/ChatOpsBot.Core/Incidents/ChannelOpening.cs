namespace ChatOpsBot.Core.Incidents;

/// <summary>
/// Recorded before the platform is asked to open the incident's channel, with the exact name asked for. If the host
/// dies before <see cref="ChannelOpened"/> is recorded, the next attempt looks for a channel of this name first and
/// adopts it, so a crash mid-create never leaves two channels.
/// </summary>
public sealed record ChannelOpening(string Name) : IncidentEvent;
