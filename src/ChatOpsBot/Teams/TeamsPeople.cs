using System.Collections.Concurrent;
using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Teams;

/// <summary>
/// The Entra object ids of the Teams users the bot has heard from. Actors are Teams user ids (29:…), as mention
/// entities name them; Graph (channel and chat members) wants the Entra id, which only the sender's "from" carries.
/// </summary>
public sealed class TeamsPeople
{
    private readonly ConcurrentDictionary<string, string> _aadIds = new(StringComparer.Ordinal);

    public void Learn(ChannelAccount? account)
    {
        if (account is { Id: { } id, AadObjectId: { Length: > 0 } aad })
        {
            _aadIds[id] = aad;
        }
    }

    public static Actor ActorOf(ChannelAccount account) => new(account.Id ?? "unknown", string.IsNullOrWhiteSpace(account.Name) ? null : account.Name);

    /// <summary>The Entra id of a Teams user, or the id itself when it already is one (a GUID); null when unknown.</summary>
    public string? AadIdOf(string actorId) =>
        _aadIds.TryGetValue(actorId, out var aad) ? aad : Guid.TryParse(actorId, out _) ? actorId : null;
}
