namespace ChatOpsBot.Core.Incidents;

/// <summary>Who is in an incident: whoever took part, was invited or joined its channel. Private incidents show only to them.</summary>
public sealed partial record Incident
{
    /// <summary>True if any of <paramref name="ids"/> (a person's ids on the platforms they use) is a member.</summary>
    public bool HasMember(IReadOnlyCollection<string> ids) =>
        ids.Count > 0 && (Participants.Any(p => ids.Contains(p.Id, StringComparer.OrdinalIgnoreCase))
            || Chat.InvitedUserIds.Any(u => ids.Contains(u, StringComparer.OrdinalIgnoreCase))
            || JoinedUserIds.Any(u => ids.Contains(u, StringComparer.OrdinalIgnoreCase)));
}
