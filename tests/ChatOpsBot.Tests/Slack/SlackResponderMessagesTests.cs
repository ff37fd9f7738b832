using System.Text.Json;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Tests.Slack.Support;
using ChatOpsBot.Tests.Support;

namespace ChatOpsBot.Tests.Slack;

/// <summary>
/// What Slack receives when responders manage themselves, on the bodies WireMock recorded: a role left empty and each
/// action item change are posted in the incident channel with real mentions, and the kick-off card, the announcement,
/// the export and the postmortem draft link to the incident pages under Web:PublicUrl.
/// </summary>
public sealed class SlackResponderMessagesTests : IDisposable
{
    private const string PublicUrl = "https://chatopsbot.example.com";

    private readonly SlackBot _bot = new(new Dictionary<string, string?> { ["Web:PublicUrl"] = PublicUrl });

    [Fact]
    public async Task TheKickoffCardAndTheAnnouncementLinkToTheIncidentPage()
    {
        await _bot.DeclareAndWaitAsync();

        Assert.Contains($"<{PublicUrl}/incidents/1|Incident page>", LinksBlock(PostsTo(FakeSlack.IncidentChannel)[0]), StringComparison.Ordinal);
        Assert.Contains($"<{PublicUrl}/incidents/1|Incident page>", LinksBlock(Assert.Single(PostsTo(FakeSlack.Stakeholders))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LeavingTheCommanderRoleAndEachActionItemChangeArePostedInTheIncidentChannel()
    {
        await _bot.DeclareAndWaitAsync();

        await Command("commander none");
        await Command("action Add a canary <@U0BOB|bob> due 2d");
        await Command("action done 1");
        await Command("action reopen 1");
        await Command("action owner 1 <@U0CAROL|carol>");
        var day = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).AddDays(30);
        await Command(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"action due 1 {day:yyyy-MM-dd}"));

        var texts = await Eventually.Get(() => Task.FromResult(PostsTo(FakeSlack.IncidentChannel).Select(Text).ToList()),
            t => t.Any(x => x.StartsWith("📅", StringComparison.Ordinal)), "the due-date change in the channel");
        Assert.Contains("👤 <@U0ALICE> left the commander role; nobody leads INC-1 now. Take it with `/incident commander @you`.", texts);
        Assert.Contains("✅ Action item #1 done (<@U0ALICE>): Add a canary", texts);
        Assert.Contains("♻️ Action item #1 reopened (<@U0ALICE>): Add a canary", texts);
        Assert.Contains("👤 <@U0CAROL> now owns action item #1, was <@U0BOB> (<@U0ALICE>): Add a canary", texts);
        Assert.Contains($"📅 Action item #1 is now due {day.ToString("ddd yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)} 23:59 UTC (<@U0ALICE>): Add a canary", texts);
        var left = PostsTo(FakeSlack.IncidentChannel).Single(p => Text(p).StartsWith("👤 <@U0ALICE> left", StringComparison.Ordinal));
        Assert.Contains("take-commander", left.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheExportNoticeAndThePostmortemDraftLinkToTheIncidentPages()
    {
        await _bot.DeclareAndWaitAsync();

        var ack = await Command("export md");
        Assert.Contains($"{PublicUrl}/api/incidents/1/timeline?format=md", ack, StringComparison.Ordinal);
        Assert.Contains($"the incident page: {PublicUrl}/incidents/1", ack, StringComparison.Ordinal);

        await Command("resolve Rolled back");
        await Command("close");
        await Eventually.Get(() => _bot.TimelineAsync(), t => t.Any(e => e is PostmortemDrafted), "PostmortemDrafted on the timeline");
        var comment = _bot.Slack.Calls("files.completeUploadExternal")[^1].GetProperty("initial_comment").GetString()!;
        Assert.Contains($"{PublicUrl}/incidents/1/postmortem", comment, StringComparison.Ordinal);
        Assert.Contains($"{PublicUrl}/api/incidents/1/postmortem", comment, StringComparison.Ordinal);
        Assert.Contains($"{PublicUrl}/incidents/1", comment.Replace($"{PublicUrl}/incidents/1/postmortem", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    private async Task<string> Command(string text) =>
        await SlackBot.EphemeralTextAsync(await _bot.CommandAsync(text, channel: FakeSlack.IncidentChannel));

    private List<JsonElement> PostsTo(string channel) =>
        [.. _bot.Slack.Calls("chat.postMessage").Where(c => c.GetProperty("channel").GetString() == channel)];

    private static string Text(JsonElement call) => call.GetProperty("text").GetString()!;

    private static string LinksBlock(JsonElement call) =>
        call.GetProperty("blocks").EnumerateArray().Single(b => b.TryGetProperty("block_id", out var id) && id.GetString() == "incident_links")
            .GetProperty("text").GetProperty("text").GetString()!;

    public void Dispose() => _bot.Dispose();
}
