using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Messages;
using ChatOpsBot.Slack;

namespace ChatOpsBot.Tests.Slack;

public sealed class SlackTextTests
{
    [Fact]
    public void OnlyTheBotsTokensBecomeMrkdwnAndNameOnlyActorsStayNames()
    {
        var text = $"{ChatText.Mention(new Actor("U0ALICE", "alice"))} {ChatText.Mention(new Actor("alertmanager"))} {ChatText.Here} {ChatText.Code("/incident close")} <!channel> snake_case";

        Assert.Equal("<@U0ALICE> @alertmanager <!here> `/incident close` &lt;!channel&gt; snake_case", SlackText.Mrkdwn(text));
    }

    [Fact]
    public void InboundTextIsUnescapedOnceAndKeepsMentions()
    {
        Assert.Equal("Search & browse <@U0BOB|bob> &lt;", SlackText.Unescape("Search &amp; browse <@U0BOB|bob> &amp;lt;"));
    }

    [Fact]
    public void CuttingNeverSplitsAnEscapeOrAMention()
    {
        var rendered = SlackText.Mrkdwn(new string('a', 95) + "&&& " + ChatText.Mention(new Actor("U0ALICE", "alice")));

        foreach (var max in Enumerable.Range(90, 20))
        {
            var cut = SlackText.Cut(rendered, max);
            Assert.True(cut.Length <= max);
            var body = cut.TrimEnd('…');
            Assert.False(body.LastIndexOf('&') > body.LastIndexOf(';'), $"split entity at {max}: {cut}");
            Assert.False(body.LastIndexOf('<') > body.LastIndexOf('>'), $"split mention at {max}: {cut}");
        }
    }

    [Fact]
    public void ALinkIsOnlyHttpAndCannotBreakOutOfItsBrackets()
    {
        Assert.Null(SlackText.Link(new MessageLink("x", "javascript:alert(1)")));
        Assert.Equal("<https://example.com/a%7Cb%3E|Run&lt;book&gt;¦x>", SlackText.Link(new MessageLink("Run<book>|x", "https://example.com/a|b>")));
    }
}
