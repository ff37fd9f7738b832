using System.Text.Json.Nodes;
using ChatOpsBot.Core.Commands;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Messages;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Teams;

/// <summary>
/// What each authenticated activity means. Typed commands and Action.Submit are acknowledged at once (the answer is
/// a separate message); card buttons (adaptiveCard/action) and the message action (composeExtension/submitAction)
/// are answered in the HTTP response, within the connector's 15 seconds. Buttons run the command language as the
/// person who pressed them, so the same rules (private incidents) apply as to typed commands.
/// </summary>
public sealed partial class TeamsActivityHandler(
    CommandHandler commands,
    IncidentService incidents,
    TeamsReplies replies,
    TeamsTimelineCapture capture,
    IOptions<TeamsOptions> options,
    TimeProvider clock,
    ILogger<TeamsActivityHandler> logger)
{
    private const string UnknownAction = "⚠️ ChatOpsBot does not know that action. It may be from an older version of the app.";

    public async Task<IResult> HandleAsync(Activity activity, CancellationToken cancellationToken)
    {
        switch (activity.Type)
        {
            case "message" when string.IsNullOrWhiteSpace(activity.Text) && activity.Value is { } value:
                var submitted = TeamsCardAction.FromSubmit(value);
                Later(async () =>
                {
                    var outcome = submitted is null ? null : await RunCardActionAsync(activity, submitted);
                    await replies.SendAsync(activity, outcome ?? CommandOutcome.Reply(UnknownAction));
                });
                return Results.Ok();

            case "message":
                var text = TeamsCommandText.From(activity);
                if (text.Equals("declare", StringComparison.OrdinalIgnoreCase))
                {
                    Later(() => replies.ReplyAsync(activity, [AdaptiveCards.Activity("Declare incident", TeamsCards.DeclareForm(incidents.Settings))]));
                    return Results.Ok();
                }

                Later(async () => await replies.SendAsync(activity, await RunAsync(text, activity)));
                return Results.Ok();

            case "invoke" when activity.Name == "adaptiveCard/action":
                return await CardActionInvokeAsync(activity);

            case "invoke" when activity.Name == "composeExtension/submitAction":
                var captured = await capture.CaptureAsync(activity, cancellationToken);
                return Results.Json(new { task = new { type = "message", value = captured } }, TeamsJson.Options);

            case "invoke":
                LogUnknownInvoke(logger, Safe(activity.Name));
                return Results.BadRequest($"ChatOpsBot does not handle the invoke \"{Safe(activity.Name)}\".");

            case "messageUpdate":
                Later(() => capture.FollowEditAsync(activity, CancellationToken.None));
                return Results.Ok();

            case "messageDelete":
                Later(() => capture.FollowDeleteAsync(activity, CancellationToken.None));
                return Results.Ok();

            default:
                // conversationUpdate, installationUpdate, typing, reactions: nothing to do beyond what the endpoint learned.
                return Results.Ok();
        }
    }

    public static string MentionOf(Actor actor) =>
        actor.Name is null ? $"<@{actor.Id}>" : $"<@{actor.Id}|{actor.Name.Replace('|', ' ').Replace('>', ' ').Trim().Replace(' ', '\u00A0')}>";

    private async Task<IResult> CardActionInvokeAsync(Activity activity)
    {
        var action = TeamsCardAction.FromInvoke(activity.Value);
        var work = action is null ? Task.FromResult<CommandOutcome?>(null) : RunCardActionAsync(activity, action);
        var budget = Task.Delay(options.Value.AcknowledgeWithin, clock);
        // The budget first: when both are done (a zero budget), the acknowledgement wins, as configured.
        if (await Task.WhenAny(budget, work) == budget)
        {
            Later(async () => await replies.SendAsync(activity, await work ?? CommandOutcome.Reply(UnknownAction)));
            return InvokeMessage("⏳ Working on it… the answer follows in a message.");
        }

        var outcome = await work;
        if (outcome is null)
        {
            LogUnknownVerb(logger);
            return Results.Json(new
            {
                statusCode = 400,
                type = "application/vnd.microsoft.error",
                value = new { code = "BadRequest", message = UnknownAction },
            }, TeamsJson.Options);
        }

        return InvokeMessage(TeamsReplies.Text(outcome));
    }

    private static IResult InvokeMessage(string text) =>
        Results.Json(new { statusCode = 200, type = "application/vnd.microsoft.activity.message", value = TeamsText.Cut(text, 4000) }, TeamsJson.Options);

    /// <summary>Null when the button is not one of ours.</summary>
    private async Task<CommandOutcome?> RunCardActionAsync(Activity activity, TeamsCardAction action)
    {
        var actor = TeamsPeople.ActorOf(activity.From!);
        switch (action.Verb)
        {
            case AdaptiveCards.CommandVerb when action["command"] is { } command:
                if (command.EndsWith(' '))
                {
                    if (action["argument"] is not { } argument)
                    {
                        return CommandOutcome.Error("Fill in the form first.", CommandUsage.Help());
                    }

                    command += argument;
                }

                return await RunAsync(command.Replace("{me}", MentionOf(actor), StringComparison.Ordinal), activity);

            case AdaptiveCards.DeclareVerb:
                return await DeclareFromFormAsync(activity, action, actor);

            default:
                return null;
        }
    }

    private async Task<CommandOutcome> DeclareFromFormAsync(Activity activity, TeamsCardAction form, Actor actor)
    {
        var title = form["title"]?.Trim() ?? "";
        if (title.Length == 0)
        {
            return CommandOutcome.Error("An incident needs a title.", CommandUsage.For("declare"));
        }

        if (!SeverityText.TryParse(form["severity"] ?? "sev2", out var severity))
        {
            return CommandOutcome.Error("Pick a severity: SEV1 (worst) to SEV4.", CommandUsage.For("declare"));
        }

        var origin = await TeamsIncidentRooms.ConversationOfAsync(incidents.Reader, activity, CancellationToken.None);
        var result = await incidents.DeclareAsync(
            new DeclareRequest(TeamsText.Cut(title, incidents.Settings.MaxTitleLength), severity, form["private"] == "true", Origin: origin, Description: form["summary"]),
            new EventContext(actor, EventSource.Command), CancellationToken.None);
        return result.Refusal is { } refusal
            ? CommandOutcome.Error(refusal, CommandUsage.For("declare"))
            : CommandOutcome.Reply($"Declared {result.Incident.Key} ({result.Incident.Severity.Label()}): {result.Incident.Title}. You are the incident commander; the incident channel is opening.", result.Incident.Number);
    }

    private async Task<CommandOutcome> RunAsync(string text, Activity activity)
    {
        try
        {
            var conversation = await TeamsIncidentRooms.ConversationOfAsync(incidents.Reader, activity, CancellationToken.None);
            // The activity id is the request key: the connector redelivering an activity runs its command once.
            return await commands.HandleAsync(text, TeamsPeople.ActorOf(activity.From!), conversation, activity.Id is { Length: > 0 } id ? $"teams:{id}" : null, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The store appends all of a command's events or none, so a failure leaves nothing half-written.
            LogCommandFailed(logger, ex);
            return new CommandOutcome([new CommandReply("⚠️ Something went wrong running that command; nothing was changed. Please try again.")], Failed: true);
        }
    }

    private void Later(Func<Task> work) => _ = Task.Run(async () =>
    {
        try
        {
            await work();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogLaterFailed(logger, ex);
        }
    });

    private static string Safe(string? s) => s is null ? "(none)" : new string([.. s.Take(64).Where(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '-')]);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unknown Teams invoke {Name} refused")]
    private static partial void LogUnknownInvoke(ILogger logger, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A Teams card action with an unknown verb was refused")]
    private static partial void LogUnknownVerb(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "A Teams command failed")]
    private static partial void LogCommandFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Work after acknowledging a Teams activity failed")]
    private static partial void LogLaterFailed(ILogger logger, Exception exception);
}
