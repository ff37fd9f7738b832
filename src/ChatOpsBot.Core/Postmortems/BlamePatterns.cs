using System.Text.RegularExpressions;

namespace ChatOpsBot.Core.Postmortems;

/// <summary>
/// The sentence shapes of each <see cref="BlameKind"/>, built from a <see cref="BlamelessLexicon"/>. A shape is a
/// regular expression over one sentence with its contractions spelled out (<see cref="Normalise"/>). The shapes
/// share one idea of who can be blamed: a person, a role or a group (<c>Agent</c>), so "the intern broke billing"
/// is a judgement and "the deploy broke billing" a description.
/// </summary>
internal sealed partial class BlamePatterns
{
    // Nouns that follow a role word when it only modifies them: "the vendor patch", "the on-call phone".
    private const string NotAgentHeads = "outage|status|page|pages|patch|script|dashboard|api|bug|change|changes|config|ticket|tickets|tool|tools|portal|side|update|updates|issue|error|errors|notes?|laptop|query|runbook|phone|rotation|review|handover|channel|account|process|queue|certificate|cluster|services?|plan|meeting|docs?|pipeline|build|release|fix|code|limit|quota|schedule|environment|case|contract|sla|region|network|credentials|key|keys|email|alias|calendar|handbook|list";

    private const string Aux = @"(?:did|does|do|was|were|is|are|has|have|had|must|may|might|could|would|will|not|never|even|just|simply|really|then|also|completely|totally|apparently|basically|somehow|actually|again|\w+ly)";

    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(200);

    public IReadOnlyList<(BlameKind Kind, Regex Shape)> Shapes { get; }

    public BlamePatterns(BlamelessLexicon lexicon)
    {
        var roles = Alternatives(lexicon.Roles);
        var bare = Alternatives(lexicon.BareRoles);
        var notNames = string.Join('|', lexicon.NotNames.Select(Regex.Escape));
        // A name: a capitalised word that is not a common sentence opener, or a chat @mention.
        var name = $@"(?:@[\w.-]+|(?-i:(?<![\w'])(?!(?:{notNames})(?![\w']))\p{{Lu}}\p{{Ll}}+(?!\w)))";
        var pronoun = @"(?<![\w'])(?:i|we|he|she|they|you|someone|somebody|anyone|anybody|nobody|no\s+one|everyone|everybody|whoever)(?![\w'])";
        var roleGroup = $@"(?<![\w'])(?:the|a|an|our|their|your|my|his|her|that|this|some|whichever|every)\s+(?:[\w'-]+\s+){{0,3}}?{roles}";
        var possessor = $@"(?:{name}|{roleGroup}|(?<![\w'])(?:{bare}))";
        var agent = $@"(?:{pronoun}|(?:{roleGroup}|(?<![\w']){bare}|{name})(?!'s)(?!\s+(?:{NotAgentHeads})(?![\w'])))";
        var modalHave = @"(?:should|ought\s+to|could|must)(?:\s+not|\s+never)?(?:\s+(?:\w+ly|just|really|simply|easily|definitely|at\s+least))*\s+have(?![\w'])";
        var outcomes = Alternatives(lexicon.Outcomes);

        Shapes =
        [
            (BlameKind.HumanError, Compile($@"{Alternatives(lexicon.ErrorOwners)}\s+(?:errors?|mistakes?|failures?|slips?)(?![\w'])(?!\s+(?:rate|code|message|budget|log|handling))")),

            (BlameKind.WhyQuestion, Compile($@"^\W*(?:(?:so|and|but|then|ok|okay)\W+)?(?:why|how\s+come|how\s+could|how\s+did|how\s+can|how\s+was|how\s+were)(?:\s+on\s+earth|\s+the\s+hell|\s+exactly)?(?:\s+(?:did|does|do|would|was|were|is|are|could|has|have|had|can|should|will|not))*\s+{agent}(?=[^?]*\?)")),

            (BlameKind.Hindsight, Compile($@"{agent}(?:\s+(?:\w+ly|just|really|simply|definitely|also|surely))*\s+{modalHave}")),
            (BlameKind.Hindsight, Compile(@"(?:should|could|ought\s+to)(?:\s+not|\s+never)?\s+have\s+been\s+(?:obvious|clear|caught|noticed|spotted|seen|known|tested|reviewed|checked|pushed|deployed|approved|merged|done|escalated|prevented|avoided)(?![\w'])")),
            (BlameKind.Hindsight, Compile($@"(?<![\w'])(?:clearly|of\s+course|surely)(?![\w']).*(?:{modalHave}|would(?:\s+not|\s+never)?\s+have(?![\w']))")),
            (BlameKind.Hindsight, Compile(Alternatives(lexicon.HindsightMarkers))),
            (BlameKind.Hindsight, Compile($@"^\W*had\s+(?:\w+ly\s+)?{agent}")),
            (BlameKind.Hindsight, Compile($@"(?<![\w'])if\s+(?:only\s+)?{agent}(?:\s+\w+ly)?\s+had(?![\w'])")),

            (BlameKind.FaultInPerson, Compile(@"(?<![\w'])(?:to\s+blame|at\s+fault)(?![\w'])|'s\s+(?:own\s+)?fault(?![\w'])")),
            (BlameKind.FaultInPerson, Compile($@"(?<![\w'])fault\s+of\s+{agent}")),
            (BlameKind.FaultInPerson, Compile($@"(?<![\w'])root\s+causes?\s+(?:is|was|were|are|'s)\s+(?:\w+ly\s+)?{agent}")),
            (BlameKind.FaultInPerson, Compile($@"(?<![\w'])(?:caused\s+by|due\s+to|down\s+to|attributed\s+to|result\s+of|blamed?\s+on|pin\w*\s+(?:this|it|that)\s+on)\s+(?:\w+ly\s+)?{agent}")),
            (BlameKind.FaultInPerson, Compile($@"(?<![\w'])(?:this|that|it|the\s+(?:\w+\s+)?{outcomes})(?:\s+one)?\s+(?:is|was|'s|falls|fell|lies|lay|rests|rested|sits)\s+(?:\w+ly\s+|all\s+)?on\s+{agent}")),
            (BlameKind.FaultInPerson, Compile($@"{outcomes}.{{0,60}}?(?:lies|lie|lay|rests|rest|rested|belongs|belong|belonged|falls|fell|sits|sat)\s+(?:\w+ly\s+)?(?:with|to|on)\s+{agent}")),
            (BlameKind.FaultInPerson, Compile($@"(?<![\w'])(?:hold|held|holds|holding)\s+{agent}\s+(?:\w+\s+)?(?:responsible|accountable)(?![\w'])")),
            (BlameKind.FaultInPerson, Compile($@"{agent}(?:\s+{Aux})*\s+(?:is|was|are|were)\s+(?:\w+ly\s+)?(?:responsible|accountable)\s+for\s+(?:the\s+|this\s+|that\s+)?(?:\w+\s+)?{outcomes}")),

            (BlameKind.PossessiveFault, Compile($@"(?:{possessor}'s|(?<![\w'])(?:his|her|their|my|our|your))\s+(?:[\w-]+\s+){{0,2}}?{Alternatives(lexicon.FaultNouns)}(?!\s+(?:rate|rates|budget|code|message|log|logs|handling|page|count|spike))")),

            (BlameKind.SubjectJudgement, Compile(Alternatives(lexicon.JudgementVerbs))),
            (BlameKind.SubjectJudgement, Compile($@"{agent}(?:\s+{Aux})*\s+{Alternatives(lexicon.PersonVerbs)}")),
            (BlameKind.SubjectJudgement, Compile($@"{agent}.*{Alternatives(lexicon.LeftUndone)}")),

            (BlameKind.JudgementWord, Compile(Alternatives(lexicon.JudgementWords))),
        ];
    }

    /// <summary>The sentence as the shapes read it: straight apostrophes, contractions spelled out.</summary>
    public static string Normalise(string sentence)
    {
        var s = sentence.Replace('’', '\'').Replace('‘', '\'');
        s = Contraction().Replace(s, m => m.Groups["c"].Value.ToLowerInvariant() switch
        {
            "won't" => m.Groups["c"].Value[0] + "ill not",
            "can't" => m.Groups["c"].Value[..2] + "n not",
            _ => m.Value,
        });
        s = NotSuffix().Replace(s, " not");
        s = HaveSuffix().Replace(s, " have");
        s = HadSuffix().Replace(s, " had");
        s = AreSuffix().Replace(s, " are");
        s = WillSuffix().Replace(s, " will");
        return AmSuffix().Replace(s, " am");
    }

    /// <summary>One lexicon list as a regex alternation of whole phrases.</summary>
    public static string Alternatives(IEnumerable<string> phrases)
    {
        var parts = phrases.Where(p => !string.IsNullOrWhiteSpace(p)).Select(Phrase).Distinct().OrderByDescending(p => p.Length);
        return $@"(?<![\w'])(?:{string.Join('|', parts)})(?!\w)";
    }

    /// <summary>A configured phrase on its own: the same syntax, the same word boundaries.</summary>
    public static Regex CompilePhrase(string phrase) => Compile(Alternatives([phrase]));

    private static string Phrase(string phrase) =>
        string.Join(@"\s+", phrase.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(word => word switch
        {
            "*" => @"[\w'-]+",
            _ when word.EndsWith('*') => Regex.Escape(word.TrimEnd('*')) + @"[\w-]*",
            _ => Regex.Escape(word),
        }));

    // Interpreted, not Compiled: these patterns are large, and compiling them to IL costs seconds on first use for
    // no gain on sentences this short (the whole corpus reads in well under a second interpreted).
    private static Regex Compile(string pattern) =>
        new(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, MatchTimeout);

    [GeneratedRegex(@"\b(?<c>won't|can't)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Contraction();

    [GeneratedRegex(@"n't\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NotSuffix();

    [GeneratedRegex(@"(?<=\w)'ve\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HaveSuffix();

    [GeneratedRegex(@"(?<=\w)'d\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HadSuffix();

    [GeneratedRegex(@"(?<=\w)'re\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AreSuffix();

    [GeneratedRegex(@"(?<=\w)'ll\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WillSuffix();

    [GeneratedRegex(@"(?<=\bI)'m\b", RegexOptions.CultureInvariant)]
    private static partial Regex AmSuffix();
}
