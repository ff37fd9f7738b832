using System.Text;

namespace ChatOpsBot.Teams;

/// <summary>
/// Makes text inert in an Adaptive Card TextBlock, the one place that does: Teams renders a markdown subset there
/// (emphasis, links, lists, headings) and turns &lt;at&gt;…&lt;/at&gt; into a ping when an entity matches. Whatever a person
/// or an alert wrote is escaped here, so it shows as typed and can neither format nor notify.
/// </summary>
public static class TeamsText
{
    private const char ZeroWidthSpace = '\u200B';

    public static string Inert(string text)
    {
        var sb = new StringBuilder(text.Length + 16);
        var lineStart = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\\' or '*' or '_' or '`' or '[' or ']' or '~' or '|':
                    sb.Append('\\').Append(c);
                    break;
                case '#' or '>' or '-' or '+' when lineStart:
                    sb.Append('\\').Append(c);
                    break;
                case '<':
                    // "<at>" in someone's words must never meet a mention entity.
                    sb.Append('<').Append(ZeroWidthSpace);
                    break;
                case >= '0' and <= '9' when lineStart && NumberedListMarker(text, i):
                    sb.Append(c);
                    while (i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]))
                    {
                        sb.Append(text[++i]);
                    }

                    sb.Append('\\').Append(text[++i]);
                    break;
                default:
                    sb.Append(c);
                    break;
            }

            lineStart = c == '\n' || (lineStart && c is ' ' or '\t');
        }

        return sb.ToString();
    }

    /// <summary>Cuts to at most <paramref name="max"/> characters, marking the cut.</summary>
    public static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static bool NumberedListMarker(string text, int i)
    {
        var j = i;
        while (j < text.Length && char.IsAsciiDigit(text[j]))
        {
            j++;
        }

        return j < text.Length && text[j] is '.' or ')';
    }
}
