using ChatOpsBot.Core.Timeline;

namespace ChatOpsBot.Core.Tests.Timeline;

public class MarkdownTextTests
{
    [Theory]
    [InlineData("a | b", "a \\| b")]
    [InlineData("line one\nline two\r\nthree", "line one<br>line two<br>three")]
    [InlineData("<script>x</script>", "\\<script\\>x\\</script\\>")]
    [InlineData("**bold** _it_ `code` ~~s~~", "\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\~\\~s\\~\\~")]
    [InlineData("[a](http://x) ![i](y)", "\\[a\\](http://x) \\!\\[i\\](y)")]
    [InlineData("# heading", "\\# heading")]
    [InlineData("- item", "\\- item")]
    [InlineData("1. item", "1\\. item")]
    [InlineData("C# and F-sharp, 3.5 GB", "C# and F-sharp, 3.5 GB")]
    [InlineData("&amp; \\n", "\\&amp; \\\\n")]
    [InlineData("🔥 日本語", "🔥 日本語")]
    public void UserTextShowsAsTypedAndCannotChangeTheDocument(string text, string expected)
    {
        Assert.Equal(expected, MarkdownText.Inline(text));
    }

    [Fact]
    public void AVeryLongLineStaysWhole()
    {
        var text = new string('x', 10_000);

        Assert.Equal(text, MarkdownText.Inline(text));
    }
}
