namespace ChatOpsBot.Core.Postmortems;

/// <summary>
/// The words the blameless review reads sentences with, one list per part of a blaming sentence. Entries are plain
/// phrases: words separated by spaces, a trailing '*' matches word endings ("botch*": botched, botches), a lone '*'
/// matches any one word ("drag* * feet"). They are matched case-insensitively against the sentence with contractions
/// spelled out ("didn't" reads as "did not", "should've" as "should have", "they'd" as "they had"), so an entry
/// needs only the long form. Configuration adds to these lists (Timeline:BlamelessWords); it never removes.
/// </summary>
public sealed record BlamelessLexicon
{
    /// <summary>Nouns that name a person's role or a group: "the on-call", "our vendor", "the payments team".</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>Roles that stand alone without "the": "ops dropped the ball", "support ignored it".</summary>
    public IReadOnlyList<string> BareRoles { get; init; } = [];

    /// <summary>Capitalised words that start sentences but are not names ("The", "Deploy"): never taken for a person.</summary>
    public IReadOnlyList<string> NotNames { get; init; } = [];

    /// <summary>Verbs and idioms that judge whoever did them, whatever the subject: "botch*", "drop* the ball".</summary>
    public IReadOnlyList<string> JudgementVerbs { get; init; } = [];

    /// <summary>Verbs that only judge with a person, role or group as subject: "the intern broke billing", not "the deploy broke billing".</summary>
    public IReadOnlyList<string> PersonVerbs { get; init; } = [];

    /// <summary>What was left undone, judged when a person did the rest: "she skipped the canary without asking".</summary>
    public IReadOnlyList<string> LeftUndone { get; init; } = [];

    /// <summary>Fault nouns owned by someone: "Dana's mistake", "their oversight".</summary>
    public IReadOnlyList<string> FaultNouns { get; init; } = [];

    /// <summary>The bad outcome whose cause is then put in a person: "the outage lies with the vendor".</summary>
    public IReadOnlyList<string> Outcomes { get; init; } = [];

    /// <summary>Adjectives and adverbs that judge people or their work: "sloppy", "recklessly".</summary>
    public IReadOnlyList<string> JudgementWords { get; init; } = [];

    /// <summary>Words that mark hindsight: "obviously", "in hindsight".</summary>
    public IReadOnlyList<string> HindsightMarkers { get; init; } = [];

    /// <summary>Who "error" is put on when it is given as a cause: "human", "operator", "user".</summary>
    public IReadOnlyList<string> ErrorOwners { get; init; } = [];

    /// <summary>This lexicon with another's entries added to each list.</summary>
    public BlamelessLexicon With(BlamelessLexicon more) => new()
    {
        Roles = [.. Roles, .. more.Roles],
        BareRoles = [.. BareRoles, .. more.BareRoles],
        NotNames = [.. NotNames, .. more.NotNames],
        JudgementVerbs = [.. JudgementVerbs, .. more.JudgementVerbs],
        PersonVerbs = [.. PersonVerbs, .. more.PersonVerbs],
        LeftUndone = [.. LeftUndone, .. more.LeftUndone],
        FaultNouns = [.. FaultNouns, .. more.FaultNouns],
        Outcomes = [.. Outcomes, .. more.Outcomes],
        JudgementWords = [.. JudgementWords, .. more.JudgementWords],
        HindsightMarkers = [.. HindsightMarkers, .. more.HindsightMarkers],
        ErrorOwners = [.. ErrorOwners, .. more.ErrorOwners],
    };

    public static BlamelessLexicon Default { get; } = new()
    {
        Roles =
        [
            "engineer*", "on-call*", "oncall*", "on call", "operator*", "dba*", "sre*", "dev", "devs", "developer*", "intern*", "hire*",
            "contractor*", "consultant*", "vendor*", "provider*", "reviewer*", "approver*", "admin*", "administrator*", "team*",
            "lead*", "manager*", "ops", "devops", "support", "folks", "staff", "shift", "crew", "people", "person", "owner*",
            "responder*", "commander*", "qa", "tester*", "employee*", "colleague*", "coworker*", "co-worker*", "guy*", "squad*",
            "department*", "author*", "maintainer*", "programmer*", "architect*", "analyst*", "scribe*", "junior*", "senior*",
            "newbie*", "rookie*",
        ],
        BareRoles = ["ops", "devops", "support", "engineering", "qa", "sre", "security", "management", "infra", "infrastructure", "networking"],
        NotNames =
        [
            "The", "This", "That", "These", "Those", "It", "Its", "A", "An", "Our", "Their", "My", "His", "Her", "Your", "Then",
            "When", "After", "Before", "If", "Had", "Why", "How", "What", "Where", "Who", "We", "They", "He", "She", "There", "Here",
            "Nobody", "Someone", "Everyone", "Anyone", "Obviously", "Clearly", "Honestly", "Frankly", "Ultimately", "In", "On",
            "At", "By", "For", "Root", "Cause", "Primary", "Contributing", "Thanks", "Several", "Three", "Two", "One", "Human",
            "Manual", "Fatigue", "Retries", "Engineers", "And", "But", "So", "Also", "Later", "Finally", "Meanwhile", "Yesterday",
            "Today", "Tonight", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Deploy", "Deploys",
            "Deployment", "Alerts", "Alert", "Traffic", "Nothing", "Everything", "Once", "While", "Since", "Until", "As",
            "Because", "During", "With", "Without", "Only", "Just", "Please", "Note", "Update", "Impact", "Summary", "Load",
            "Latency", "Errors", "Requests", "Users", "Customers", "Rollback", "Rollout", "Config", "Migration", "Release",
        ],
        JudgementVerbs =
        [
            "botch*", "bungl*", "fumbl*", "mess* up", "screw* up", "screw* * up", "mess* * up", "mishandl*", "blunder*", "neglect*",
            "overlook*", "disregard*", "slack* off", "drop* the ball", "drag* * feet", "asleep at the wheel", "rubber-stamp*",
            "rubber stamp*", "not paying attention", "never paying attention", "not pay attention", "bother*", "forgot",
            "forgotten", "misjudg*", "waited too long", "let * slip", "let * * slip", "shrug* off", "cut* corners", "goof*",
            "dropped it", "did not care", "could not care",
        ],
        PersonVerbs =
        [
            "ignor*", "fail* to", "broke", "break", "breaks", "took down", "take down", "takes down", "taken down", "took out",
            "brought down", "bring down", "caused", "crashed", "misconfigur*", "rush*", "not double-check*", "not check*",
            "not test*", "not verify", "not read", "not review*", "not look*", "never check*", "never test*", "never read",
            "never look*", "never review*",
        ],
        LeftUndone =
        [
            "without testing", "without checking", "without asking", "without telling", "without reviewing", "without looking",
            "without thinking", "without reading", "without verifying", "without approval", "without review", "without a review",
            "without even *",
        ],
        FaultNouns =
        [
            "mistake*", "error", "errors", "blunder*", "oversight*", "negligence", "carelessness", "sloppiness", "incompetence",
            "laziness", "ignorance", "slip", "slip-up", "lapse*", "screw-up*", "screwup*", "bad call", "poor judgement",
            "poor judgment", "misjudgement*", "misjudgment*", "failure to", "fuck-up*", "fuckup*", "goof*", "gaffe*", "misstep*",
        ],
        Outcomes =
        [
            "blame", "fault", "failure", "outage", "incident", "delay", "downtime", "loss", "mistake", "error", "breakage",
            "problem", "mess", "disruption",
        ],
        JudgementWords =
        [
            "sloppy", "sloppily", "sloppiness", "reckless*", "lazy", "lazily", "laziness", "incompeten*", "shoddy", "shoddily",
            "careless*", "stupid*", "dumb", "boneheaded", "bone-headed", "negligen*", "irresponsibl*", "thoughtless*", "clueless",
            "unprofessional*", "amateurish*", "half-baked", "idiot*", "foolish*", "inexcusabl*", "haphazard*", "hasty", "hastily",
            "ill-advised", "ill-considered", "ill-judged", "rookie mistake", "silly mistake", "basic mistake", "inattentive",
            "barely tested", "inept*", "moron*", "cowboy", "boneheaded*", "brain-dead", "braindead",
        ],
        HindsightMarkers = ["obviously", "in hindsight", "in retrospect", "with hindsight", "clearly", "of course", "if only"],
        ErrorOwners = ["human", "operator", "user", "engineer", "engineering", "people", "personnel", "staff", "manual", "pilot", "admin", "administrator"],
    };
}
