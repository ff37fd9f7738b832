using System.Text;
using System.Text.Json;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Reconciling;
using ChatOpsBot.Tests.Slack.Support;
using ChatOpsBot.Tests.Support;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using WireMock.Logging;

namespace ChatOpsBot.Tests.Slack;

/// <summary>
/// Files in Slack through real HTTP against WireMock: the postmortem draft at close and /incident export both go
/// files.getUploadURLExternal → bytes to upload_url → files.completeUploadExternal.
/// </summary>
public sealed class SlackFileTests : IDisposable
{
    private readonly SlackBot _bot = new();

    [Fact]
    public async Task ClosingAnIncidentUploadsThePostmortemDraftAsAMarkdownFileInItsChannelOnce()
    {
        await _bot.DeclareAndWaitAsync("declare sev1 Checkout failing");
        await CommandInIncidentChannelAsync("note Bob forgot to enable the flag");
        await CommandInIncidentChannelAsync("resolve Rolled back the deploy");
        await CommandInIncidentChannelAsync("close");

        var drafted = await WaitForPostmortemDraftedAsync();
        // Another full pass must find nothing left to do: the draft is shared exactly once.
        await _bot.Factory.Services.GetRequiredService<Reconciler>().ReconcileAsync(1, default);

        var urlRequest = Assert.Single(_bot.Slack.Entries("files.getUploadURLExternal"));
        var form = QueryHelpers.ParseQuery(urlRequest.RequestMessage.Body);
        Assert.Equal("INC-1-postmortem.md", form["filename"].ToString());

        var upload = Assert.Single(_bot.Slack.Uploads);
        var markdown = BodyText(upload);
        Assert.StartsWith("# Postmortem draft: INC-1 — Checkout failing", markdown, StringComparison.Ordinal);
        Assert.Contains("| Bob forgot to enable the flag | person judged by the verb |", markdown, StringComparison.Ordinal);
        Assert.Equal(Encoding.UTF8.GetByteCount(markdown).ToString(System.Globalization.CultureInfo.InvariantCulture), form["length"].ToString());
        Assert.False(upload.RequestMessage.Headers?.ContainsKey("Authorization") ?? false, "the upload_url is pre-authorised; the bot token must not go there");

        var complete = Assert.Single(_bot.Slack.Calls("files.completeUploadExternal"));
        Assert.Equal(FakeSlack.IncidentChannel, complete.GetProperty("channel_id").GetString());
        Assert.Equal("F0FILE1", complete.GetProperty("files")[0].GetProperty("id").GetString());
        Assert.Contains("INC-1", complete.GetProperty("files")[0].GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Contains("/api/incidents/1/postmortem", complete.GetProperty("initial_comment").GetString(), StringComparison.Ordinal);

        Assert.Equal(FakeSlack.IncidentChannel, drafted.Channel.Id);
        Assert.Equal("F0FILE1", drafted.MessageId);
    }

    [Fact]
    public async Task ARefusedCompleteUploadExternalRecordsNothingAndTheDraftIsSharedOnTheNextPass()
    {
        _bot.Slack.AnswerOnce("files.completeUploadExternal", r => r.WithHeader("Content-Type", "application/json")
            .WithBody("""{"ok":false,"error":"internal_error"}"""));
        await _bot.DeclareAndWaitAsync();
        await CommandInIncidentChannelAsync("resolve Rolled back");
        await CommandInIncidentChannelAsync("close");

        var drafted = await WaitForPostmortemDraftedAsync();

        var completes = _bot.Slack.Entries("files.completeUploadExternal");
        Assert.Equal(2, completes.Count);
        Assert.Equal(2, _bot.Slack.Entries("files.getUploadURLExternal").Count);
        Assert.Equal(2, _bot.Slack.Uploads.Count);
        Assert.Single(await _bot.TimelineAsync(), e => e is PostmortemDrafted);
        // Recorded only after the upload that Slack accepted, not after the refused one.
        Assert.True(drafted.OccurredAt.UtcDateTime >= Utc(completes[1].RequestMessage.DateTime),
            $"PostmortemDrafted at {drafted.OccurredAt:O} precedes the successful completeUploadExternal at {completes[1].RequestMessage.DateTime:O}");
    }

    [Fact]
    public async Task ExportCsvInSlackArrivesAsAFileInThatChannel()
    {
        await _bot.DeclareAndWaitAsync();
        await CommandInIncidentChannelAsync("note =cmd|' /C calc'!A0, \"quoted\" and | pipes");

        var ack = await CommandInIncidentChannelAsync("export csv");

        Assert.Contains("INC-1-timeline.csv", ack, StringComparison.Ordinal);
        Assert.DoesNotContain("```", ack, StringComparison.Ordinal); // the file, not a code block
        var complete = (await _bot.EventuallyCallsAsync("files.completeUploadExternal")).Single();
        Assert.Equal(FakeSlack.IncidentChannel, complete.GetProperty("channel_id").GetString());
        Assert.Equal("INC-1-timeline.csv", QueryHelpers.ParseQuery(_bot.Slack.Entries("files.getUploadURLExternal").Single().RequestMessage.Body)["filename"].ToString());
        var csv = BodyText(Assert.Single(_bot.Slack.Uploads));
        Assert.StartsWith("time_utc,", csv, StringComparison.Ordinal);
        Assert.Contains("\"Note: =cmd|' /C calc'!A0, \"\"quoted\"\" and | pipes\"", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnExportThatCannotBeSharedInTheChannelSaysWhyAndLinksTheDownload()
    {
        _bot.Slack.Answer("files.completeUploadExternal", """{"ok":false,"error":"not_in_channel"}""");
        await _bot.DeclareAndWaitAsync();

        var ack = await SlackBot.EphemeralTextAsync(await _bot.CommandAsync("INC-1 export json", channel: "C0ELSEWHERE"));

        Assert.Contains("INC-1-timeline.json", ack, StringComparison.Ordinal);
        var late = await Eventually.Get(() => Task.FromResult(_bot.Slack.ResponseUrlCalls), c => c.Count > 0, "the failure notice");
        Assert.Contains("not_in_channel", late[0].RequestMessage.Body, StringComparison.Ordinal);
        Assert.Contains("/api/incidents/1/timeline?format=json", late[0].RequestMessage.Body, StringComparison.Ordinal);
        Assert.Equal("C0ELSEWHERE", _bot.Slack.Calls("files.completeUploadExternal").Single().GetProperty("channel_id").GetString());
    }

    private async Task<string> CommandInIncidentChannelAsync(string text) =>
        await SlackBot.EphemeralTextAsync(await _bot.CommandAsync(text, channel: FakeSlack.IncidentChannel));

    private async Task<PostmortemDrafted> WaitForPostmortemDraftedAsync() =>
        (PostmortemDrafted)(await Eventually.Get(() => _bot.TimelineAsync(), t => t.Any(e => e is PostmortemDrafted), "PostmortemDrafted on the timeline"))
            .Single(e => e is PostmortemDrafted);

    private static string BodyText(ILogEntry entry) =>
        entry.RequestMessage.BodyAsBytes is { } bytes ? Encoding.UTF8.GetString(bytes) : entry.RequestMessage.Body ?? "";

    private static DateTime Utc(DateTime time) => time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : time;

    public void Dispose() => _bot.Dispose();
}
