using System.Net.Http.Headers;
using System.Text;
using ChatOpsBot.Core.Messages;

namespace ChatOpsBot.Slack;

/// <summary>
/// Slack's three-step file upload: files.getUploadURLExternal, the bytes to the returned upload_url, then
/// files.completeUploadExternal to share the file in a channel. Any step failing throws, so a caller that records
/// the upload (the postmortem step) records it only once the file is in the channel, and retries otherwise.
/// </summary>
public sealed partial class SlackFileUploads(ISlackApi slack, IHttpClientFactory httpClients, ILogger<SlackFileUploads> logger)
{
    /// <summary>
    /// A plain client: the upload_url is pre-authorised, so no bot token goes there. It is also a one-time credential,
    /// so the client logs nothing.
    /// </summary>
    public const string UploadClient = "SlackFileUpload";

    // Slack's limit for initial_comment, as for message text.
    private const int MaxCommentLength = 4000;

    public async Task<string> UploadAsync(string channelId, ChatFile file, string? comment, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(file.Content);
        var target = await slack.GetUploadUrlExternalAsync(new UploadUrlRequest(file.FileName, bytes.Length), cancellationToken);
        if (!Uri.TryCreate(target.UploadUrl, UriKind.Absolute, out var uploadUrl) || uploadUrl.Scheme != Uri.UriSchemeHttps && uploadUrl.Scheme != Uri.UriSchemeHttp)
        {
            throw new SlackApiException("files.getUploadURLExternal", "invalid_upload_url");
        }

        using (var content = new ByteArrayContent(bytes))
        {
            content.Headers.ContentType = new MediaTypeHeaderValue(ContentType(file.FileName)) { CharSet = "utf-8" };
            using var response = await httpClients.CreateClient(UploadClient).PostAsync(uploadUrl, content, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new SlackApiException("files.upload", $"http_{(int)response.StatusCode}");
            }
        }

        var initialComment = comment is null ? null : BlockKit.Cut(comment, MaxCommentLength);
        await slack.CompleteUploadExternalAsync(
            new CompleteUploadRequest([new UploadedFile(target.FileId, BlockKit.Cut(file.Title, 250))], channelId, initialComment), cancellationToken);
        LogUploaded(logger, file.FileName, target.FileId, channelId, bytes.Length);
        return target.FileId;
    }

    private static string ContentType(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".md" => "text/markdown",
        ".csv" => "text/csv",
        ".json" => "application/json",
        _ => "text/plain",
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Uploaded {FileName} as {FileId} to {ChannelId} ({Bytes} bytes)")]
    private static partial void LogUploaded(ILogger logger, string fileName, string fileId, string channelId, int bytes);
}
