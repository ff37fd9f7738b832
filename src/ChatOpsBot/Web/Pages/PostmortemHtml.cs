using Markdig;

namespace ChatOpsBot.Web.Pages;

/// <summary>
/// The postmortem draft's Markdown as HTML. Raw HTML is disabled, so anything a person typed stays text; the only
/// HTML the compiler itself writes is &lt;br&gt; for line breaks inside table cells, put back after rendering (a
/// person who types "&lt;br&gt;" gets a line break, which is harmless). The review section is wrapped to stand out.
/// </summary>
internal static class PostmortemHtml
{
    public const string ReviewHeading = "\n## Review before sharing\n";

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().DisableHtml().Build();

    public static string Render(string markdown)
    {
        var split = markdown.IndexOf(ReviewHeading, StringComparison.Ordinal);
        if (split < 0)
        {
            return ToHtml(markdown);
        }

        return ToHtml(markdown[..split]) + "<section class=\"review\" id=\"review\">\n" + ToHtml(markdown[split..]) + "</section>\n";
    }

    private static string ToHtml(string markdown) =>
        Markdown.ToHtml(markdown, Pipeline).Replace("&lt;br&gt;", "<br>", StringComparison.Ordinal);
}
