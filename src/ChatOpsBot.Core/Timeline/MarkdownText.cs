using System.Text;

namespace ChatOpsBot.Core.Timeline;

/// <summary>
/// Puts text people typed into Markdown so it shows exactly as typed and cannot change the document around it:
/// no table cell split by '|', no heading or list started by '#' or '-', no link, image or raw HTML.
/// Every Markdown-significant ASCII character is backslash-escaped (CommonMark allows that for all ASCII
/// punctuation), and line breaks become &lt;br&gt; so a multi-line note stays in its table cell or list item.
/// </summary>
public static class MarkdownText
{
    // Inline syntax, escaped wherever it appears.
    private const string Significant = "\\`*_[]<>!|~&";

    // Block syntax ("# heading", "- item", "1. item") only counts at a line's start; since line breaks become
    // '<br>', that is only the text's start. Escaping these everywhere would make every sentence noisy.
    private const string SignificantAtStart = "#+-=";

    public static string Inline(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var sb = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                continue;
            }

            if (c == '\n')
            {
                sb.Append("<br>");
            }
            else if (Significant.Contains(c, StringComparison.Ordinal) || (sb.Length == 0 && SignificantAtStart.Contains(c, StringComparison.Ordinal)))
            {
                sb.Append('\\').Append(c);
            }
            else if (c is '.' or ')' && sb.Length > 0 && IsOnlyDigits(sb))
            {
                // "1. text" at the start of a list item would start a nested ordered list.
                sb.Append('\\').Append(c);
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static bool IsOnlyDigits(StringBuilder sb)
    {
        for (var i = 0; i < sb.Length; i++)
        {
            if (sb[i] is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }
}
