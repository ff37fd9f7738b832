using System.Text.Json;
using ChatOpsBot.Core.Commands;
using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Slack;

/// <summary>
/// POST /slack/interactivity (https://api.slack.com/interactivity/handling): kick-off buttons, the two modals, the "Add to incident
/// timeline" message shortcut and the "Declare incident" global shortcut. Buttons run the same command
/// language as typed commands, as the person who pressed them, so the same rules (private incidents) apply.
/// </summary>
public static partial class SlackInteractivityEndpoint
{
    public const string AddToTimelineCallback = "add_to_timeline";
    public const string DeclareShortcutCallback = "declare_incident";

    public static async Task<IResult> HandleAsync(HttpContext http, CommandHandler commands, IncidentService incidents, ISlackApi slack,
        SlackUsers users, SlackTimelineCapture capture, SlackResponder responder, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger("ChatOpsBot.Slack.Interactivity");
        var payload = Parse((await SlackForms.ReadAsync(http))?["payload"].ToString());
        if (payload is not { Type: not null, User.Id: { Length: > 0 } userId })
        {
            LogMalformed(logger);
            return Results.BadRequest("Expected a Slack interaction payload.");
        }

        var actor = new Actor(userId, payload.User.Name ?? payload.User.Username);
        var ct = http.RequestAborted;
        switch (payload.Type)
        {
            case "block_actions":
                var index = 0;
                foreach (var action in payload.Actions ?? [])
                {
                    var actionKey = SlackRequestKeys.Of(payload.TriggerId, index++);
                    if (action.ActionId?.StartsWith(BlockKit.CommandActionPrefix, StringComparison.Ordinal) != true || action.Value is null)
                    {
                        continue;
                    }

                    if (action.Value.EndsWith(' '))
                    {
                        // The command needs words from the person (a severity, an update): ask in a modal.
                        await OpenAsync(slack, payload.TriggerId, SlackModals.Command(Label(action), action.Value, payload.Channel?.Id ?? ""), logger, ct);
                        continue;
                    }

                    var outcome = await commands.HandleAsync(action.Value.Replace("{me}", Mention(actor), StringComparison.Ordinal), actor,
                        SlackChatPlatform.Channel(payload.Channel?.Id ?? ""), actionKey, ct);
                    responder.EphemeralLater(payload.Channel?.Id, userId, SlackResponder.Text(outcome));
                    responder.FollowUpLater(payload.Channel?.Id, userId, outcome);
                }

                return Results.Ok();

            case "view_submission" when payload.View is { CallbackId: SlackModals.DeclareCallback } view:
                return await SlackDeclareSubmission.HandleAsync(view, actor, SlackRequestKeys.Of(payload.TriggerId), incidents, users, responder, ct);

            case "view_submission" when payload.View is { CallbackId: SlackModals.CommandCallback } view:
                var metadata = SlackModals.ReadMetadata(view.PrivateMetadata);
                if (metadata.Command is null)
                {
                    return Errors(SlackModals.ArgumentBlock, "This form has expired; press the button again.");
                }

                var result = await commands.HandleAsync(metadata.Command + SlackModals.Value(view, SlackModals.ArgumentBlock)?.Value, actor,
                    SlackChatPlatform.Channel(metadata.Channel ?? ""), SlackRequestKeys.Of(payload.TriggerId), ct);
                responder.FollowUpLater(metadata.Channel, userId, result);
                if (result.Failed)
                {
                    return Errors(SlackModals.ArgumentBlock, SlackResponder.Text(result));
                }

                responder.EphemeralLater(metadata.Channel, userId, SlackResponder.Text(result));
                return Results.Ok();

            case "message_action" when payload.CallbackId == AddToTimelineCallback && payload.Channel?.Id is { } channel:
                var captured = await capture.CaptureAsync(channel, payload.Message, payload.Message?.Ts, userId, EventSource.MessageShortcut, ct);
                responder.EphemeralLater(channel, userId, captured switch
                {
                    null => "⚠️ This channel is not an incident channel; open the incident's channel to add messages to its timeline.",
                    { Refusal: { } refusal } => $"⚠️ {refusal}",
                    { Appended.Count: 0 } => $"That message is already on the {captured.Incident.Key} timeline.",
                    _ => $"📌 Added to the {captured.Incident.Key} timeline.",
                });
                return Results.Ok();

            case "shortcut" when payload.CallbackId == DeclareShortcutCallback:
                await OpenAsync(slack, payload.TriggerId, SlackModals.Declare(null, incidents.Settings), logger, ct);
                return Results.Ok();

            case "view_closed":
                return Results.Ok();

            default:
                LogUnknown(logger, payload.Type, payload.CallbackId ?? payload.View?.CallbackId ?? "none");
                responder.EphemeralLater(payload.Channel?.Id, userId, "⚠️ ChatOpsBot does not know that action. It may be from an older version of the app.");
                return payload.Type == "view_submission"
                    ? Results.BadRequest("Unknown callback_id.")
                    : Results.Ok();
        }
    }

    public static IResult Errors(string block, string message) =>
        Results.Json(new { response_action = "errors", errors = new Dictionary<string, string> { [block] = BlockKit.Cut(message, 2000) } }, SlackJson.Options);

    private static string Mention(Actor actor) => actor.Name is null ? $"<@{actor.Id}>" : $"<@{actor.Id}|{actor.Name}>";

    private static InteractionPayload? Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<InteractionPayload>(json, SlackJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Label(BlockAction action) => action.ActionId![BlockKit.CommandActionPrefix.Length..] switch
    {
        "change-severity" => "New severity (sev1–sev4)",
        "post-update" => "Status update",
        "resolve" => "Resolution summary",
        var other => other,
    };

    private static async Task OpenAsync(ISlackApi slack, string? triggerId, System.Text.Json.Nodes.JsonObject view, ILogger logger, CancellationToken ct)
    {
        try
        {
            await slack.OpenViewAsync(new OpenViewRequest(triggerId ?? "", view), ct);
        }
        catch (Exception ex) when (ex.IsSlackFailure())
        {
            LogModalFailed(logger, ex.SlackError() ?? ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Malformed Slack interaction refused")]
    private static partial void LogMalformed(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unknown Slack interaction {Type} with callback_id {CallbackId}")]
    private static partial void LogUnknown(ILogger logger, string type, string callbackId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "views.open failed: {Error}")]
    private static partial void LogModalFailed(ILogger logger, string error);
}
