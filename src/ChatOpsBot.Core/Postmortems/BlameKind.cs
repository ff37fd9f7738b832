namespace ChatOpsBot.Core.Postmortems;

/// <summary>The ways a sentence can put blame on people, in the order a sentence is labelled when it shows several.</summary>
public enum BlameKind
{
    /// <summary>"Human error" (or operator, user error) given as a cause.</summary>
    HumanError,

    /// <summary>A rhetorical why-question aimed at a person: "Why didn't the on-call escalate?"</summary>
    WhyQuestion,

    /// <summary>Hindsight and counterfactuals: "should have", "had they …, it would not have …".</summary>
    Hindsight,

    /// <summary>The cause located in a person: "this one is on Dana", "the root cause was the operator".</summary>
    FaultInPerson,

    /// <summary>A fault owned by someone: "Dana's mistake", "their oversight".</summary>
    PossessiveFault,

    /// <summary>A person, a role or a group as the subject of a judgement verb: "the DBA botched the restore".</summary>
    SubjectJudgement,

    /// <summary>A judgement adjective or adverb about people or their work: "a sloppy change", "recklessly pushed".</summary>
    JudgementWord,

    /// <summary>A phrase from configuration (Timeline:BlamelessPhrases); its prompt is the configured hint.</summary>
    ConfiguredPhrase,
}

/// <summary>How each kind is named in the draft, and the neutral rewrite prompt that fits it.</summary>
public static class BlameKinds
{
    public static string Label(this BlameKind kind) => kind switch
    {
        BlameKind.HumanError => "human error as a cause",
        BlameKind.WhyQuestion => "why-question at a person",
        BlameKind.Hindsight => "hindsight / counterfactual",
        BlameKind.FaultInPerson => "fault located in a person",
        BlameKind.PossessiveFault => "someone's fault",
        BlameKind.SubjectJudgement => "person judged by the verb",
        BlameKind.JudgementWord => "judgement word",
        BlameKind.ConfiguredPhrase => "configured phrase",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string Prompt(this BlameKind kind) => kind switch
    {
        BlameKind.HumanError => "\"Human error\" is where the inquiry starts, not where it ends: what made the action easy to get wrong (the tooling, the signals, the time pressure)?",
        BlameKind.WhyQuestion => "Ask what made this seem reasonable at the time, or how the system allowed it, instead of why a person did it.",
        BlameKind.Hindsight => "What was known at the time the choice was made, and what would have made the other choice easier to see then?",
        BlameKind.FaultInPerson => "Locate the cause in the conditions, not a person: which safeguards, signals or checks were missing?",
        BlameKind.PossessiveFault => "Name the action and what made it possible instead of assigning it to someone: what let this step cause harm?",
        BlameKind.SubjectJudgement => "Say what the person did and saw, without judging it: what were they trying to do, and what made that look right?",
        BlameKind.JudgementWord => "Describe the conditions (time pressure, tooling, what was known) instead of judging the person or their work.",
        BlameKind.ConfiguredPhrase => "Describe what happened and why it made sense at the time.",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
