using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Slack;

/// <summary>The declare modal's submission: invalid fields answer response_action "errors" on the field and keep the form open.</summary>
public static class SlackDeclareSubmission
{
    public static async Task<IResult> HandleAsync(ViewPayload view, Actor declarer, string? requestKey, IncidentService incidents, SlackUsers users,
        SlackResponder responder, CancellationToken cancellationToken)
    {
        var title = SlackModals.Value(view, SlackModals.TitleBlock)?.Value?.Trim() ?? "";
        if (title.Length == 0)
        {
            return SlackInteractivityEndpoint.Errors(SlackModals.TitleBlock, "An incident needs a title.");
        }

        if (title.Length > incidents.Settings.MaxTitleLength)
        {
            return SlackInteractivityEndpoint.Errors(SlackModals.TitleBlock, $"Keep the title to {incidents.Settings.MaxTitleLength} characters.");
        }

        var severityText = SlackModals.Value(view, SlackModals.SeverityBlock)?.SelectedOption?.Value;
        if (!SeverityText.TryParse(severityText, out var severity))
        {
            return SlackInteractivityEndpoint.Errors(SlackModals.SeverityBlock, "Pick a severity: SEV1 (worst) to SEV4.");
        }

        var commanderId = SlackModals.Value(view, SlackModals.CommanderBlock)?.SelectedUser;
        var commander = string.IsNullOrEmpty(commanderId) ? null : await users.GetAsync(commanderId, cancellationToken);
        var isPrivate = SlackModals.Value(view, SlackModals.PrivateBlock)?.SelectedOptions?.Any(o => o.Value == "private") == true;
        var description = SlackModals.Value(view, SlackModals.DescriptionBlock)?.Value;
        var origin = SlackModals.ReadMetadata(view.PrivateMetadata).Channel;

        var result = await incidents.DeclareAsync(
            // Declared from Slack, so its channel opens on Slack even when the form came from a global shortcut (no channel).
            new DeclareRequest(title, severity, isPrivate, commander, SlackChatPlatform.Channel(origin ?? ""), description),
            new EventContext(declarer, EventSource.Command, RequestKey: requestKey), cancellationToken);
        if (result.Refusal is { } refusal)
        {
            return SlackInteractivityEndpoint.Errors(SlackModals.TitleBlock, refusal);
        }

        responder.EphemeralLater(origin, declarer.Id,
            $"Declared {result.Incident.Key} ({result.Incident.Severity.Label()}): {result.Incident.Title}. The incident channel is opening.");
        return Results.Ok();
    }
}
