using System.Text.RegularExpressions;

namespace ChatOpsBot.Core.Postmortems;

/// <summary>Splits free text (a note, an update, a summary) into sentences, keeping each sentence's own wording.</summary>
public static partial class SentenceSplitter
{
    // Abbreviations whose full stop does not end a sentence in incident notes.
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "e.g.", "i.e.", "etc.", "vs.", "approx.", "incl.", "min.", "sec.", "no.", "mr.", "ms.", "mrs.", "dr.", "st.", "cf.", "est.",
    };

    public static IReadOnlyList<string> Split(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var sentences = new List<string>();
        foreach (var line in text.Split('\n'))
        {
            var start = 0;
            foreach (Match end in SentenceEnd().Matches(line))
            {
                var candidate = line[start..end.Index];
                var lastWord = candidate[(candidate.LastIndexOf(' ') + 1)..];
                if (Abbreviations.Contains(lastWord))
                {
                    continue;
                }

                Add(sentences, candidate);
                start = end.Index + end.Length;
            }

            Add(sentences, line[start..]);
        }

        return sentences;
    }

    private static void Add(List<string> sentences, string candidate)
    {
        var trimmed = candidate.Trim();
        if (trimmed.Length > 0)
        {
            sentences.Add(trimmed);
        }
    }

    // A run of . ! ? (with closing quotes or brackets) followed by space: "4.2.1" and "03:00" stay whole.
    [GeneratedRegex("""(?<=[.!?…]["'”’)\]]*)\s+""", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceEnd();
}
