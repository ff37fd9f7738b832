using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Postmortems;

namespace ChatOpsBot.Core.Tests.Postmortems;

public class BlamelessReviewTests
{
    [Theory]
    [InlineData("Contributing factor: human error during the failover.", BlameKind.HumanError)]
    [InlineData("Why didn't Noor roll back when the errors started?", BlameKind.WhyQuestion)]
    [InlineData("How could the release team miss a red build?", BlameKind.WhyQuestion)]
    [InlineData("Noor should’ve waited for the canary.", BlameKind.Hindsight)]
    [InlineData("Had the on-call engineer read the runbook, the restore would have taken minutes.", BlameKind.Hindsight)]
    [InlineData("If they'd asked first, nothing would have broken.", BlameKind.Hindsight)]
    [InlineData("The data loss is on the storage vendor.", BlameKind.FaultInPerson)]
    [InlineData("The root cause was the contractor who edited the zone file.", BlameKind.FaultInPerson)]
    [InlineData("Noor's oversight left the bucket public.", BlameKind.PossessiveFault)]
    [InlineData("Their blunder cost us the morning.", BlameKind.PossessiveFault)]
    [InlineData("The DBA fumbled the restore.", BlameKind.SubjectJudgement)]
    [InlineData("The new hire broke the search index.", BlameKind.SubjectJudgement)]
    [InlineData("Ops never bothered to set up paging.", BlameKind.SubjectJudgement)]
    [InlineData("A sloppy change to the retry policy doubled the load.", BlameKind.JudgementWord)]
    [InlineData("The alerts were thoughtlessly silenced.", BlameKind.JudgementWord)]
    public void EachKindOfBlameIsFlaggedWithThatKindAndItsPrompt(string sentence, BlameKind kind)
    {
        var hit = Assert.Single(BlamelessReview.Default.Check(sentence, "note"));

        Assert.Equal(kind, hit.Kind);
        Assert.Equal(sentence, hit.Quote);
        Assert.Equal(kind.Prompt(), hit.Hint);
    }

    [Theory]
    [InlineData("Noor rolled back at 14:20 UTC.")]
    [InlineData("We chose to fail over to eu-west.")]
    [InlineData("The deploy broke search for 12 minutes.")]
    [InlineData("The load balancer ignores the health check for the first 30 s.")]
    [InlineData("Why did the retries not back off?")]
    [InlineData("The job should have finished by 03:00 but the queue was full.")]
    [InlineData("We should add an alert on queue depth.")]
    [InlineData("If the disk fills, writes stop.")]
    [InlineData("The error rate fell to 0.1% at 14:30.")]
    [InlineData("Noor's dashboard showed the spike first.")]
    [InlineData("The default pool size was too low.")]
    [InlineData("A faulty disk in rack 4.")]
    [InlineData("")]
    public void DescriptionsOfWhatPeopleAndSystemsDidAreNotFlagged(string text)
    {
        Assert.Empty(BlamelessReview.Default.Check(text, "note"));
    }

    [Fact]
    public void EveryKindHasItsOwnLabelAndPrompt()
    {
        var kinds = Enum.GetValues<BlameKind>();

        Assert.Equal(kinds.Length, kinds.Select(k => k.Label()).Distinct().Count());
        Assert.Equal(kinds.Length, kinds.Select(k => k.Prompt()).Distinct().Count());
        Assert.Contains("known at the time", BlameKind.Hindsight.Prompt(), StringComparison.Ordinal);
        Assert.Contains("conditions", BlameKind.JudgementWord.Prompt(), StringComparison.Ordinal);
    }

    [Fact]
    public void EachSentenceIsFlaggedOnceAndQuotedWhole()
    {
        var hits = BlamelessReview.Default.Check("Deploy 4.2.1 went out at 14:02. Then Dave forgot to run the migration! It was human error, e.g. a typo. Rolled back at 14:30.", "note by @bob");

        Assert.Equal(["Then Dave forgot to run the migration!", "It was human error, e.g. a typo."], hits.Select(h => h.Quote));
        Assert.Equal([BlameKind.SubjectJudgement, BlameKind.HumanError], hits.Select(h => h.Kind));
        Assert.All(hits, h => Assert.Equal("note by @bob", h.Source));
    }

    [Fact]
    public void AQuoteFromAVeryLongSentenceIsCutWithAnEllipsis()
    {
        var text = new string('a', 300) + " human error " + new string('b', 300);

        var quote = Assert.Single(BlamelessReview.Default.Check(text, "note")).Quote;

        Assert.StartsWith("…", quote, StringComparison.Ordinal);
        Assert.EndsWith("…", quote, StringComparison.Ordinal);
        Assert.Contains("human error", quote, StringComparison.Ordinal);
        Assert.True(quote.Length < 200);
    }

    [Fact]
    public void ConfiguredPhrasesAreAddedToTheBuiltInReviewWithTheirOwnHint()
    {
        var review = new BlamelessReview([new BlamelessPhrase("yolo*", "Describe the release process.")]);

        var hits = review.Check("A yolo-ish deploy went out. It was human error.", "note");

        Assert.Equal([BlameKind.ConfiguredPhrase, BlameKind.HumanError], hits.Select(h => h.Kind));
        Assert.Equal("Describe the release process.", hits[0].Hint);
    }

    [Fact]
    public void TheLexiconIsConfigurationByKind()
    {
        var review = new BlamelessReview(BlamelessLexicon.Default.With(new BlamelessLexicon { JudgementVerbs = ["yeet* *"], Roles = ["wrangler*"] }));

        Assert.Equal(BlameKind.SubjectJudgement, Assert.Single(review.Check("Sam yeeted the config.", "note")).Kind);
        Assert.Equal(BlameKind.SubjectJudgement, Assert.Single(review.Check("The cluster wrangler took down the API.", "note")).Kind);
        Assert.Empty(BlamelessReview.Default.Check("The cluster wrangler took down the API.", "note"));
    }

    [Fact]
    public void TheReviewReadsNotesUpdatesSummariesAndActionItemsButNotTitles()
    {
        var bob = new Actor("U2", "bob");
        IncidentEvent[] events =
        [
            new Declared("Blame the cache", Severity.Sev2, false, null) { Version = 1 },
            new NoteAdded("Someone forgot the flag") { Actor = bob, Version = 2 },
            new StatusUpdatePosted("We failed to notice") { Actor = bob, Version = 3 },
            new ActionItemAdded(1, "Find who is at fault", bob) { Actor = bob, Version = 4 },
            new Resolved("Human error in the config") { Actor = bob, Version = 5 },
        ];

        var hits = BlamelessReview.Default.Review(events);

        Assert.Equal([2L, 3L, 4L, 5L], hits.Select(h => h.Version));
        Assert.StartsWith("note by @bob", hits[0].Source, StringComparison.Ordinal);
        Assert.StartsWith("status update by @bob", hits[1].Source, StringComparison.Ordinal);
        Assert.StartsWith("action item #1 by @bob", hits[2].Source, StringComparison.Ordinal);
        Assert.StartsWith("resolve summary by @bob", hits[3].Source, StringComparison.Ordinal);
    }
}
