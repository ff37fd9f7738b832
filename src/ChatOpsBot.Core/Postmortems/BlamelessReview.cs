using System.Text.RegularExpressions;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Timeline;

namespace ChatOpsBot.Core.Postmortems;

/// <summary>
/// A phrase that blames a person or judges in hindsight, and how to say it neutrally. <see cref="Phrase"/> is
/// matched case-insensitively as whole words, any whitespace between them; a trailing '*' matches word endings
/// ("forgot*" matches forgot, forgotten).
/// </summary>
public sealed record BlamelessPhrase(string Phrase, string Hint);

/// <summary>One phrase found: the phrase, the sentence it sits in, where it came from, and a neutral rephrasing hint.</summary>
public sealed record BlamelessHit(string Phrase, string Quote, string Source, string Hint, long Version);

/// <summary>
/// Flags wording that blames people or judges in hindsight, so the draft can be reviewed before it is shared.
/// It suggests; it never rewrites what people wrote. The phrase list is configuration ("Timeline:BlamelessPhrases").
/// </summary>
public sealed class BlamelessReview
{
    public static readonly IReadOnlyList<BlamelessPhrase> DefaultPhrases =
    [
        new("human error", "Describe what made the action easy to get wrong: the tooling, the signals, the time pressure."),
        new("should have", "Hindsight: describe what was known at the time, and what would have made the other choice easier."),
        new("should not have", "Hindsight: describe what was known at the time, and what would have made the other choice easier."),
        new("shouldn't have", "Hindsight: describe what was known at the time, and what would have made the other choice easier."),
        new("failed to", "Describe what happened and what got in the way, not who failed."),
        new("forgot*", "Describe what the process relied on memory for, and how it could stop relying on it."),
        new("careless*", "Describe the conditions (workload, alerts, interface) rather than a person's care."),
        new("negligen*", "Describe the conditions (workload, alerts, interface) rather than a person's care."),
        new("fault", "Describe the contributing factors; a complex failure rarely has one owner."),
        new("blam*", "Describe what happened and why it made sense at the time, without assigning blame."),
        new("why did", "Ask \"what made this seem reasonable at the time?\" or \"how did the system allow it?\" instead of why a person did it."),
        new("obviously", "What is obvious afterwards was rarely obvious during the incident; describe what was visible then."),
    ];

    private const int QuoteRadius = 80;

    private readonly IReadOnlyList<(BlamelessPhrase Phrase, Regex Pattern)> _patterns;

    public BlamelessReview(IReadOnlyList<BlamelessPhrase> phrases)
    {
        _patterns = phrases.Where(p => !string.IsNullOrWhiteSpace(p.Phrase)).Select(p => (p, Compile(p.Phrase))).ToList();
    }

    public static BlamelessReview Default { get; } = new(DefaultPhrases);

    /// <summary>Every hit in one text. A phrase is reported once per text, at its first occurrence.</summary>
    public IReadOnlyList<BlamelessHit> Check(string? text, string source, long version = 0)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var hits = new List<(int Index, BlamelessHit Hit)>();
        foreach (var (phrase, pattern) in _patterns)
        {
            var match = pattern.Match(text);
            if (match.Success)
            {
                hits.Add((match.Index, new BlamelessHit(match.Value, Quote(text, match), source, phrase.Hint, version)));
            }
        }

        return hits.OrderBy(h => h.Index).Select(h => h.Hit).ToList();
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

    private static Regex Compile(string phrase)
    {
        var trimmed = phrase.Trim();
        var open = trimmed.EndsWith('*');
        var words = trimmed.TrimEnd('*').Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Regex.Escape);
        var body = string.Join(@"\s+", words);
        // \b on both sides: "fault" must not fire on "default"; the open end allows "blamed", "forgotten".
        // Compiled: the review is a singleton that scans every note of a 10,000-event timeline at each draft.
        return new Regex($@"\b{body}{(open ? @"\w*" : @"\b")}",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromMilliseconds(200));
    }

    /// <summary>The sentence around the hit, cut with "…" where a long sentence goes on.</summary>
    private static string Quote(string text, Match match)
    {
        char[] ends = ['.', '!', '?', '\n'];
        var matchEnd = match.Index + match.Length;
        var before = match.Index == 0 ? -1 : text.LastIndexOfAny(ends, match.Index - 1);
        var start = before >= 0 && before >= match.Index - QuoteRadius ? before + 1 : Math.Max(0, match.Index - QuoteRadius);
        var after = text.IndexOfAny(ends, matchEnd);
        var end = after >= 0 && after < matchEnd + QuoteRadius ? after + 1 : Math.Min(text.Length, matchEnd + QuoteRadius);
        var cutAtStart = start > 0 && start != before + 1;
        var cutAtEnd = end < text.Length && end != after + 1;
        return (cutAtStart ? "…" : "") + text[start..end].Trim() + (cutAtEnd ? "…" : "");
    }
}
