using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Postmortems;

namespace ChatOpsBot.Core.Tests.Postmortems;

public class BlamelessReviewTests
{
    [Theory]
    [InlineData("It was human error.", "human error")]
    [InlineData("We should have checked the canary.", "should have")]
    [InlineData("Ops failed to page the DBA.", "failed to")]
    [InlineData("Bob forgot the migration.", "forgot")]
    [InlineData("The flag was forgotten.", "forgotten")]
    [InlineData("A careless change.", "careless")]
    [InlineData("It was Dave's fault.", "fault")]
    [InlineData("Nobody is to blame.", "blame")]
    [InlineData("Why did Carol restart it?", "Why did")]
    [InlineData("This SHOULD   HAVE been caught.", "SHOULD   HAVE")]
    public void EachDefaultPhraseIsFoundWhateverItsCaseOrSpacing(string text, string phrase)
    {
        var hit = Assert.Single(BlamelessReview.Default.Check(text, "note"));

        Assert.Equal(phrase, hit.Phrase);
        Assert.False(string.IsNullOrWhiteSpace(hit.Hint));
    }

    [Theory]
    [InlineData("The default pool size was too low.")]
    [InlineData("A faulty disk in rack 4.")]
    [InlineData("Failover to the replica took 40 s.")]
    [InlineData("")]
    public void WordsThatOnlyContainAPhraseAreNotHits(string text)
    {
        Assert.Empty(BlamelessReview.Default.Check(text, "note"));
    }

    [Fact]
    public void AHitQuotesItsSentenceAndSaysWhereItCameFrom()
    {
        var hits = BlamelessReview.Default.Check("Deploy went out at 14:02. Then Dave forgot to run the migration! Rolled back at 14:30.", "note by @bob");

        var hit = Assert.Single(hits);
        Assert.Equal("Then Dave forgot to run the migration!", hit.Quote);
        Assert.Equal("note by @bob", hit.Source);
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
    public void ThePhraseListIsConfigurationAndATrailingStarMatchesWordEndings()
    {
        var review = new BlamelessReview([new BlamelessPhrase("sloppy", "Describe the conditions."), new BlamelessPhrase("incompeten*", "Describe the gap in tooling.")]);

        Assert.Equal(["sloppy", "incompetence"], review.Check("Sloppy work, pure incompetence; human error.", "note").Select(h => h.Phrase.ToLowerInvariant()));
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
