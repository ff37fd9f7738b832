using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Teams;

/// <summary>
/// Actors are Teams user ids (29:…), as mention entities name them; Graph (channel and chat members) wants the Entra
/// object id, which only the sender's "from" carries. It is kept with the person's conversation reference.
/// </summary>
public sealed class TeamsPeople(TeamsReferences references)
{
    public static Actor ActorOf(ChannelAccount account) => new(account.Id ?? "unknown", string.IsNullOrWhiteSpace(account.Name) ? null : account.Name);

    /// <summary>The Entra id of a Teams user, or the id itself when it already is one (a GUID); null when unknown.</summary>
    public async Task<string?> AadIdOfAsync(string actorId, CancellationToken cancellationToken) =>
        Guid.TryParse(actorId, out _) ? actorId
        : TeamsChatPlatform.IsUserId(actorId) ? (await references.FindAsync(TeamsReferences.UserKey(actorId), cancellationToken))?.AadObjectId
        : null;
}
