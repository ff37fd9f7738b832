namespace ChatOpsBot.Core.Commands;

/// <summary>
/// "Did you mean …?" for a mistyped word: the one or two known words closest by edit distance, or none when nothing
/// is close enough to be a typo. It only suggests; the command is never run with the guess.
/// </summary>
public static class Suggestions
{
    /// <summary>The closest candidates (ties kept, at most <paramref name="max"/>), within a third of the word's length.</summary>
    public static IReadOnlyList<string> Closest(string word, IEnumerable<string> candidates, int max = 2)
    {
        var w = word.ToLowerInvariant();
        var limit = Math.Max(1, Math.Min(3, (w.Length + 1) / 3));
        var scored = candidates
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(c => (Candidate: c, Distance: Distance(w, c.ToLowerInvariant())))
            .Where(x => x.Distance <= limit || (x.Candidate.StartsWith(w, StringComparison.OrdinalIgnoreCase) && w.Length >= 3))
            .OrderBy(x => x.Distance).ThenBy(x => x.Candidate, StringComparer.Ordinal)
            .ToList();
        if (scored.Count == 0)
        {
            return [];
        }

        // Only the best and whatever is as good or one step worse: "declar" is declare, not also "clear".
        var best = scored[0].Distance;
        return scored.Where(x => x.Distance <= best + 1).Take(max).Select(x => x.Candidate).ToList();
    }

    /// <summary>"did you mean `declare`?" / "did you mean `scribe` or `subscribe`?"; empty when there is nothing to suggest.</summary>
    public static string DidYouMean(IReadOnlyList<string> suggestions, string prefix = "") =>
        suggestions.Count == 0 ? "" : $" Did you mean {string.Join(" or ", suggestions.Select(s => $"`{prefix}{s}`"))}?";

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours each cost 1.</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
