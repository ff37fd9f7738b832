using ChatOpsBot.Core.Commands;
using ChatOpsBot.Core.Incidents;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Slack;

/// <summary>
/// POST /slack/commands: the same command language as the console (https://api.slack.com/interactivity/slash-commands). Verified by the group's
/// signature filter, then parsed, run and answered ephemerally. A command that outlasts the acknowledgement
/// budget is answered "working on it" now and through response_url when done; a file it produced (an export) is
/// uploaded to the channel after the answer; chat side effects are the reconciler's.
/// </summary>
public static partial class SlackCommandsEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext http, CommandHandler commands, ISlackApi slack,
        SlackResponder responder, IncidentSettings settings, IOptions<SlackOptions> options, TimeProvider clock, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger("ChatOpsBot.Slack.Commands");
        var form = await SlackForms.ReadAsync(http);
        if (form?["ssl_check"].ToString() == "1")
        {
            // Slack checking our certificate: nothing to run, an empty 200 is the whole answer.
            return Results.Ok();
        }

        var userId = form?["user_id"].ToString();
        var channelId = form?["channel_id"].ToString();
        if (form is null || string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(channelId))
        {
            LogMalformed(logger);
            return Results.BadRequest("Expected a Slack slash command form with user_id and channel_id.");
        }

        // Slack escapes &, < and > in the text; undone once here, so "Search &amp; browse" is a title with an "&".
        var text = SlackText.Unescape(form["text"].ToString());
        if (text.Trim().Equals("declare", StringComparison.OrdinalIgnoreCase))
        {
            return await OpenDeclareModalAsync(slack, form["trigger_id"].ToString(), channelId, settings, logger, http.RequestAborted);
        }

        var actor = new Actor(userId, NullIfEmpty(form["user_name"].ToString()));
        // Not the request's token: the command must finish even if Slack stops waiting for our answer.
        var work = RunAsync(commands, text, actor, SlackChatPlatform.Channel(channelId, NullIfEmpty(form["channel_name"].ToString())),
            SlackRequestKeys.Of(form["trigger_id"].ToString()), logger);
        _ = responder.ShareAttachmentLaterAsync(work, channelId, form["response_url"].ToString());
        _ = responder.FollowUpLaterAsync(form["response_url"].ToString(), work);
        var budget = Task.Delay(options.Value.AcknowledgeWithin, clock);
        // The budget first: when both are done (a zero budget), the acknowledgement wins, as configured.
        if (await Task.WhenAny(budget, work) != budget)
        {
            return SlackResponder.Ephemeral(SlackResponder.CommandText(await work));
        }

        _ = responder.RespondLaterAsync(form["response_url"].ToString(), work);
        return SlackResponder.Ephemeral("⏳ Working on it… the answer follows here.");
    }

    private static async Task<CommandOutcome> RunAsync(CommandHandler commands, string text, Actor actor, ConversationRef channel, string? requestKey, ILogger logger)
    {
        await Task.Yield(); // return to the endpoint at once, so the acknowledgement budget is real
        try
        {
            return await commands.HandleAsync(text, actor, channel, requestKey, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // An append that got no answer is explained by the handler; what reaches here failed before or after
            // one, so the store has all of the command's events or none, and which is not known here.
            LogCommandFailed(logger, ex);
            return new CommandOutcome([new CommandReply(SlackResponder.CommandFailed)], Failed: true);
        }
    }

    private static async Task<IResult> OpenDeclareModalAsync(ISlackApi slack, string triggerId, string channelId, IncidentSettings settings,
        ILogger logger, CancellationToken cancellationToken)
    {
        // The trigger_id expires in about 3 s: open the form before anything else.
        try
        {
            await slack.OpenViewAsync(new OpenViewRequest(triggerId, SlackModals.Declare(channelId, settings)), cancellationToken);
            return Results.Ok();
        }
        catch (Exception ex) when (ex.IsSlackFailure())
        {
            LogModalFailed(logger, ex.SlackError() ?? ex.GetType().Name);
            return SlackResponder.Ephemeral("⚠️ Could not open the declare form. Type it instead: `/incident declare sev2 Checkout is failing`.");
        }
    }

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Malformed Slack slash command refused")]
    private static partial void LogMalformed(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "A Slack slash command failed")]
    private static partial void LogCommandFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "views.open for the declare form failed: {Error}")]
    private static partial void LogModalFailed(ILogger logger, string error);
}

/// <summary>Reads Slack's form posts; a malformed one is null, not an exception.</summary>
public static class SlackForms
{
    public static async Task<IFormCollection?> ReadAsync(HttpContext http)
    {
        if (!http.Request.HasFormContentType)
        {
            return null;
        }

        try
        {
            return await http.Request.ReadFormAsync(http.RequestAborted);
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }
}
