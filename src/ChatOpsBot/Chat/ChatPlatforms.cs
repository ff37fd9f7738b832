using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Messages;

namespace ChatOpsBot.Chat;

/// <summary>
/// The one answer to "which chat platform": of an incident (where its channel is, else where it was declared, else
/// Reconciler:DefaultPlatform, else the first registered), of a conversation, and for things that belong to no
/// incident yet (triage prompts). The reconciler, reminders, triage and stakeholder delivery all ask here.
/// </summary>
public sealed class ChatPlatforms(IEnumerable<IChatPlatform> platforms, IConfiguration configuration)
{
    /// <summary>The built-in console's platform name: pages link its channels into the console rather than out to a chat app.</summary>
    public const string Console = "console";

    private readonly IReadOnlyList<IChatPlatform> _all = [.. platforms];

    public IReadOnlyList<IChatPlatform> All => _all;

    public bool Any => _all.Count > 0;

    /// <summary>The platform named <paramref name="name"/>, if this host runs it.</summary>
    public IChatPlatform? Find(string? name) => name is null ? null : _all.FirstOrDefault(p => p.Name == name);

    /// <summary>The platform a conversation lives on, if this host runs it.</summary>
    public IChatPlatform? For(ConversationRef? conversation) => Find(conversation?.Platform);

    /// <summary>For incidents not declared in chat and for triage: Reconciler:DefaultPlatform, else the first registered.</summary>
    // Read from configuration, not ReconcilerOptions, so this seam depends on no feature folder; the key is the reconciler's.
    public IChatPlatform? Default => Find(configuration["Reconciler:DefaultPlatform"]) ?? (_all.Count > 0 ? _all[0] : null);

    /// <summary>
    /// Where the incident lives. Once it has a channel that is the answer, and null if this host does not run that
    /// platform (nothing should then be posted from here); before, where it was declared or the default.
    /// </summary>
    public IChatPlatform? For(Incident incident) =>
        incident.Channel is { } channel ? For(channel) : For(incident.Origin) ?? Default;
}
