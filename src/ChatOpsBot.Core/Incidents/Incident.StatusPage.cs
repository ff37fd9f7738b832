using System.Collections.Immutable;

namespace ChatOpsBot.Core.Incidents;

/// <summary>A status update the commander made public, by the version of its <see cref="PublicUpdatePosted"/>.</summary>
public sealed record PublicUpdate(long Version, string Text);

public sealed partial record Incident
{
    public ImmutableList<PublicUpdate> PublicUpdates { get; private init; } = [];

    /// <summary>The incident's id on the external status page, once created there.</summary>
    public string? StatusPageId { get; private init; }

    public long StatusPagePublishedThrough { get; private init; }

    public bool IsStatusPageResolved { get; private init; }

    public string? StatusPageError { get; private init; }

    /// <summary>A status update that also goes to the public status page. Only the commander says what the public reads.</summary>
    public Decision PostPublicUpdate(string text, Actor by)
    {
        if (IsPrivate)
        {
            return Decision.Refuse($"{Key} is private: nothing about it goes to the public status page. Post `/incident update <text>` instead.");
        }

        if (Commander is { } commander && commander.Id != by.Id)
        {
            return Decision.Refuse($"Only the incident commander ({commander.Mention}) posts public updates; ask them, or post `/incident update <text>`.");
        }

        var update = PostStatusUpdate(text, null);
        return update.IsRefused || update.Events.Count == 0 ? update : Decision.Accept([.. update.Events, new PublicUpdatePosted(text.Trim())]);
    }

    public Decision RecordStatusPageCreated(string provider, string externalId, string? url) =>
        StatusPageId is not null ? Decision.NoChange($"{Key} is already on the status page.") : Decision.Accept(new StatusPageIncidentCreated(provider, externalId, url));

    public Decision RecordStatusPageUpdated(long throughVersion) =>
        throughVersion <= StatusPagePublishedThrough ? Decision.NoChange("Already published.") : Decision.Accept(new StatusPageUpdated(throughVersion));

    public Decision RecordStatusPageResolved(string provider) =>
        IsStatusPageResolved ? Decision.NoChange("Already resolved there.") : Decision.Accept(new StatusPageIncidentResolved(provider));

    public Decision RecordStatusPageFailed(string provider, string error) =>
        StatusPageError == error ? Decision.NoChange("The same error was already reported.") : Decision.Accept(new StatusPageFailed(provider, error));

    private Incident WithStatusPage(IncidentEvent e) => e switch
    {
        PublicUpdatePosted p => this with { PublicUpdates = PublicUpdates.Add(new PublicUpdate(p.Version > 0 ? p.Version : Version + 1, p.Text)) },
        StatusPageIncidentCreated c => this with { StatusPageId = c.ExternalId, StatusPageError = null },
        StatusPageUpdated u => this with { StatusPagePublishedThrough = Math.Max(StatusPagePublishedThrough, u.ThroughVersion), StatusPageError = null },
        StatusPageIncidentResolved => this with { IsStatusPageResolved = true, StatusPageError = null },
        StatusPageFailed f => this with { StatusPageError = f.Error },
        _ => this,
    };
}
