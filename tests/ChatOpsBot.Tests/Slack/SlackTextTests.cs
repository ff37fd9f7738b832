using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Messages;
using ChatOpsBot.Slack;

namespace ChatOpsBot.Tests.Slack;

public sealed class SlackTextTests
{
    [Fact]
    public void Only_the_bots_tokens_become_mrkdwn_and_name_only_actors_stay_names()
    {
        var text = $"{ChatText.Mention(new Actor("U0ALICE", "alice"))} {ChatText.Mention(new Actor("alertmanager"))} {ChatText.Here} {ChatText.Code("/incident close")} <!channel> snake_case";

        Assert.Equal("<@U0ALICE> @alertmanager <!here> `/incident close` &lt;!channel&gt; snake_case", SlackText.Mrkdwn(text));
    }

    [Fact]
    public void Inbound_text_is_unescaped_once_and_keeps_mentions()
    {
        Assert.Equal("Search & browse <@U0BOB|bob> &lt;", SlackText.Unescape("Search &amp; browse <@U0BOB|bob> &amp;lt;"));
    }

    [Fact]
    public void Cutting_never_splits_an_escape_or_a_mention()
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
    public void A_link_is_only_http_and_cannot_break_out_of_its_brackets()
    {
        Assert.Null(SlackText.Link(new MessageLink("x", "javascript:alert(1)")));
        Assert.Equal("<https://example.com/a%7Cb%3E|Run&lt;book&gt;¦x>", SlackText.Link(new MessageLink("Run<book>|x", "https://example.com/a|b>")));
    }
}
