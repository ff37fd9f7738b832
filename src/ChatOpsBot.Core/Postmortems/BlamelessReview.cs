using System.Text.RegularExpressions;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Timeline;

namespace ChatOpsBot.Core.Postmortems;

/// <summary>
/// A phrase added by configuration ("Timeline:BlamelessPhrases") and how to say it neutrally. <see cref="Phrase"/>
/// uses the <see cref="BlamelessLexicon"/> syntax: whole words, case-insensitive, a trailing '*' matches word endings.
/// </summary>
public sealed record BlamelessPhrase(string Phrase, string Hint);

/// <summary>
/// One sentence flagged for review: its kind, the words that made it so, the sentence, where it came from, and a
/// neutral rewrite prompt fitting the kind.
/// </summary>
public sealed record BlamelessHit(BlameKind Kind, string Phrase, string Quote, string Source, string Hint, long Version);

/// <summary>
/// Reads notes, updates and summaries sentence by sentence and flags the ones that put blame on people or judge
/// in hindsight (see <see cref="BlameKind"/>), so the draft can be reviewed before it is shared. It suggests; it
/// never rewrites what people wrote. A sentence is flagged once, with the first kind it shows.
/// </summary>
public sealed class BlamelessReview
{
    // Past this a quote is cut around the flagged words, so the review table stays readable.
    private const int QuoteLimit = 240;
    private const int QuoteRadius = 80;

    private readonly IReadOnlyList<(BlameKind Kind, Regex Shape, string Hint)> _shapes;

    public BlamelessReview(BlamelessLexicon lexicon, IReadOnlyList<BlamelessPhrase>? addedPhrases = null)
    {
        var configured = (addedPhrases ?? []).Where(p => !string.IsNullOrWhiteSpace(p.Phrase))
            .Select(p => (BlameKind.ConfiguredPhrase, BlamePatterns.CompilePhrase(p.Phrase), p.Hint));
        _shapes = new BlamePatterns(lexicon).Shapes.Select(s => (s.Kind, s.Shape, s.Kind.Prompt())).Concat(configured).ToList();
    }

    /// <summary>The built-in lexicon plus configured phrases, as "Timeline:BlamelessPhrases" adds them.</summary>
    public BlamelessReview(IReadOnlyList<BlamelessPhrase> addedPhrases)
        : this(BlamelessLexicon.Default, addedPhrases)
    {
    }

    public static BlamelessReview Default { get; } = new(BlamelessLexicon.Default);

    /// <summary>Each flagged sentence of one text, in order.</summary>
    public IReadOnlyList<BlamelessHit> Check(string? text, string source, long version = 0)
    {
        var hits = new List<BlamelessHit>();
        foreach (var sentence in SentenceSplitter.Split(text))
        {
            if (Flag(sentence) is { } flag)
            {
                hits.Add(new BlamelessHit(flag.Kind, flag.Phrase, Quote(sentence, flag.At), source, flag.Hint, version));
            }
        }

        return hits;
    }

    /// <summary>The first kind one sentence shows, the words that show it, and where (as a share of its length).</summary>
    public (BlameKind Kind, string Phrase, string Hint, double At)? Flag(string sentence)
    {
        var normalised = BlamePatterns.Normalise(sentence);
        foreach (var (kind, shape, hint) in _shapes)
        {
            Match match;
            try
            {
                match = shape.Match(normalised);
            }
            catch (RegexMatchTimeoutException)
            {
                // A pathological sentence is not reviewed by this shape rather than holding up the draft.
                continue;
            }

            if (match.Success)
            {
                return (kind, match.Value.Trim(), hint, (double)match.Index / Math.Max(1, normalised.Length));
            }
        }

        return null;
    }

    /// <summary>Notes, status updates, resolve summaries and action items of a timeline, in timeline order.</summary>
    public IReadOnlyList<BlamelessHit> Review(IEnumerable<IncidentEvent> events) =>
        events.SelectMany(e => e switch
        {
            NoteAdded n => Check(n.Text, Where("note", e), e.Version),
            StatusUpdatePosted u => Check(u.Text, Where("status update", e), e.Version),
            Resolved r => Check(r.Summary, Where("resolve summary", e), e.Version),
            ActionItemAdded a => Check(a.Text, Where($"action item #{a.ItemNumber}", e), e.Version),
            _ => [],
        }).ToList();

    private static string Where(string what, IncidentEvent e) => $"{what} by {e.Actor.Mention}, {TimeText.Utc(e.OccurredAt)}";

    /// <summary>The sentence, or for a very long one the part around the flag, cut with "…".</summary>
    private static string Quote(string sentence, double at)
    {
        if (sentence.Length <= QuoteLimit)
        {
            return sentence;
        }

        var centre = (int)(at * sentence.Length);
        var start = Math.Max(0, centre - QuoteRadius);
        var end = Math.Min(sentence.Length, centre + QuoteRadius);
        return (start > 0 ? "…" : "") + sentence[start..end].Trim() + (end < sentence.Length ? "…" : "");
    }
}
