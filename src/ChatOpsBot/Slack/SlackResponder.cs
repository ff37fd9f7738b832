using System.Net.Http.Json;
using ChatOpsBot.Core.Commands;

namespace ChatOpsBot.Slack;

/// <summary>
/// Answers people after the 3-second acknowledgement: through a command's response_url, or as an ephemeral
/// message in a channel. Work here runs after the request has been answered, so failures are logged, not thrown.
/// The response_url is a credential: its HttpClient has logging removed and it is never put in a log line.
/// </summary>
public sealed partial class SlackResponder(IHttpClientFactory httpClients, ISlackApi slack, SlackFileUploads files, ILogger<SlackResponder> logger)
{
    public const string ResponseUrlClient = "SlackResponseUrl";

    public static IResult Ephemeral(string text) => Results.Json(new { response_type = "ephemeral", text }, SlackJson.Options);

    public static string Text(CommandOutcome outcome) => string.Join("\n", outcome.Replies.Select(r => r.Text));

    /// <summary>A slash command's answer: the notice when a file follows (see <see cref="ShareAttachmentLaterAsync"/>), else the replies.</summary>
    public const string CommandFailed =
        "⚠️ Something went wrong running that command (the incident store may be unavailable). Nothing is half-done; `/incident timeline` shows whether it was recorded.";

    public static string CommandText(CommandOutcome outcome) => outcome.Attachment?.Notice ?? Text(outcome);

    /// <summary>Delivers a slow command's answer when it is ready.</summary>
    public async Task RespondLaterAsync(string? responseUrl, Task<CommandOutcome> work)
    {
        string text;
        try
        {
            text = CommandText(await work);
        }
        catch (Exception ex)
        {
            LogCommandFailed(logger, ex);
            text = CommandFailed;
        }

        await PostToResponseUrlAsync(responseUrl, text);
    }

    /// <summary>When the store did not answer, posts what really happened once it is known (<see cref="CommandOutcome.FollowUp"/>).</summary>
    public async Task FollowUpLaterAsync(string? responseUrl, Task<CommandOutcome> work)
    {
        try
        {
            if ((await work).FollowUp is { } followUp)
            {
                await RespondLaterAsync(responseUrl, followUp);
            }
        }
        catch (Exception)
        {
            // The command's own failure is answered by the endpoint or RespondLaterAsync.
        }
    }

    /// <summary>The same as <see cref="FollowUpLaterAsync"/> for interactions, which answer with an ephemeral message.</summary>
    public void FollowUpLater(string? channel, string user, CommandOutcome outcome)
    {
        if (outcome.FollowUp is { } followUp)
        {
            _ = followUp.ContinueWith(t =>
            {
                if (t.IsCompletedSuccessfully)
                {
                    EphemeralLater(channel, user, Text(t.Result));
                }
            }, TaskScheduler.Default);
        }
    }

    /// <summary>
    /// Once <paramref name="work"/> is done, uploads the file it produced (an export, the postmortem draft) to the
    /// channel the command was typed in. After the acknowledgement, because an upload is three calls and may outlast
    /// Slack's 3 seconds. A failure is told to the person, with the link to download the same content instead.
    /// </summary>
    public async Task ShareAttachmentLaterAsync(Task<CommandOutcome> work, string channelId, string? responseUrl)
    {
        CommandAttachment? attachment;
        try
        {
            attachment = (await work).Attachment;
        }
        catch (Exception)
        {
            return; // RespondLaterAsync or the endpoint reports the command's own failure.
        }

        if (attachment is null)
        {
            return;
        }

        try
        {
            await files.UploadAsync(channelId, attachment.File, comment: null, CancellationToken.None);
        }
        catch (Exception ex) when (ex.IsSlackFailure())
        {
            var error = ex.SlackError() ?? "network_error";
            LogUploadFailed(logger, attachment.File.FileName, channelId, error);
            var hint = error == "not_in_channel" ? " Invite the bot to this channel, or run the command in the incident channel." : "";
            await PostToResponseUrlAsync(responseUrl, $"⚠️ Could not share {attachment.File.FileName} here ({error}).{hint} Download it from {attachment.Link}");
        }
    }

    private async Task PostToResponseUrlAsync(string? responseUrl, string text)
    {
        if (!Uri.TryCreate(responseUrl, UriKind.Absolute, out var url))
        {
            return;
        }

        try
        {
            using var response = await httpClients.CreateClient(ResponseUrlClient)
                .PostAsJsonAsync(url, new { response_type = "ephemeral", text }, SlackJson.Options, CancellationToken.None);
            if (!response.IsSuccessStatusCode)
            {
                LogResponseUrlFailed(logger, (int)response.StatusCode);
            }
        }
        catch (HttpRequestException ex)
        {
            LogResponseUrlFailed(logger, 0, ex);
        }
    }

    /// <summary>Tells one person something in a channel, without waiting.</summary>
    public void EphemeralLater(string? channel, string user, string text)
    {
        if (string.IsNullOrEmpty(channel))
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await slack.PostEphemeralAsync(new PostEphemeralRequest(channel, user, BlockKit.Cut(text, 4000)), CancellationToken.None);
            }
            catch (Exception ex) when (ex.IsSlackFailure())
            {
                LogEphemeralFailed(logger, channel, ex.SlackError() ?? ex.GetType().Name);
            }
        });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A Slack command failed after it was acknowledged")]
    private static partial void LogCommandFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Posting a late answer to the command's response_url failed with HTTP {Status}")]
    private static partial void LogResponseUrlFailed(ILogger logger, int status, Exception? exception = null);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sharing {FileName} in {ChannelId} failed: {Error}")]
    private static partial void LogUploadFailed(ILogger logger, string fileName, string channelId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "chat.postEphemeral in {ChannelId} failed: {Error}")]
    private static partial void LogEphemeralFailed(ILogger logger, string channelId, string error);
}
