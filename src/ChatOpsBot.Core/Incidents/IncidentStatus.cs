namespace ChatOpsBot.Core.Incidents;

/// <summary>The lifecycle, in order. Resolved and Closed are only reached through their own verbs.</summary>
public enum IncidentStatus
{
    Investigating = 1,
    Identified = 2,
    Monitoring = 3,
    Resolved = 4,
    Closed = 5,
}

public static class IncidentStatusText
{
    public static string Label(this IncidentStatus status) => status.ToString().ToLowerInvariant();

    public static bool IsOpen(this IncidentStatus status) => status < IncidentStatus.Resolved;
}
