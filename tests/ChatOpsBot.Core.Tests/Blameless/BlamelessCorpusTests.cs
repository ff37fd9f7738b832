using ChatOpsBot.Core.Postmortems;
using Xunit.Abstractions;

namespace ChatOpsBot.Core.Tests.Blameless;

/// <summary>
/// Recall and false-flag rate of the default review on the labelled corpus, for the part used while tuning the
/// lexicon and for the held-out part, which was written first and never tuned against. Misses are listed for the
/// tuning part only, so the held-out part stays a fair test.
/// </summary>
public class BlamelessCorpusTests(ITestOutputHelper output)
{
    private const double MinimumRecall = 0.90;
    private const double MaximumFalseFlagRate = 0.05;

    private static readonly IReadOnlyList<CorpusSentence> Corpus = BlamelessCorpus.Load();

    [Fact]
    public void TheCorpusHasEnoughOfEachLabelAndAHeldOutPart()
    {
        Assert.True(Corpus.Count(s => s.Blames) >= 150);
        Assert.True(Corpus.Count(s => !s.Blames) >= 150);
        Assert.True(Corpus.Count(s => s.Part == BlamelessCorpus.HeldOut) >= Corpus.Count / 4);
        Assert.All(Corpus, s => Assert.Contains(s.Part, new[] { BlamelessCorpus.Tuning, BlamelessCorpus.HeldOut }));
    }

    [Theory]
    [InlineData(BlamelessCorpus.Tuning)]
    [InlineData(BlamelessCorpus.HeldOut)]
    public void TheReviewFindsBlameAndLeavesNeutralSentencesAlone(string part)
    {
        var sentences = Corpus.Where(s => s.Part == part).ToList();
        var results = sentences.Select(s => (Sentence: s, Flag: BlamelessReview.Default.Flag(s.Text))).ToList();
        var blaming = results.Where(r => r.Sentence.Blames).ToList();
        var neutral = results.Where(r => !r.Sentence.Blames).ToList();
        var recall = (double)blaming.Count(r => r.Flag is not null) / blaming.Count;
        var falseFlags = (double)neutral.Count(r => r.Flag is not null) / neutral.Count;

        output.WriteLine($"CORPUS {part}: blaming {blaming.Count}, flagged {blaming.Count(r => r.Flag is not null)}, recall {recall:0.000}; " +
            $"neutral {neutral.Count}, flagged {neutral.Count(r => r.Flag is not null)}, false-flag rate {falseFlags:0.000}");
        foreach (var kind in blaming.GroupBy(r => r.Sentence.Kind).OrderBy(g => g.Key))
        {
            output.WriteLine($"CORPUS {part} kind {kind.Key}: {kind.Count(r => r.Flag is not null)}/{kind.Count()}");
        }

        if (part == BlamelessCorpus.Tuning)
        {
            foreach (var miss in blaming.Where(r => r.Flag is null))
            {
                output.WriteLine($"missed: {miss.Sentence.Text}");
            }

            foreach (var wrong in neutral.Where(r => r.Flag is not null))
            {
                output.WriteLine($"false flag ({wrong.Flag!.Value.Kind}: {wrong.Flag.Value.Phrase}): {wrong.Sentence.Text}");
            }
        }

        Assert.True(recall >= MinimumRecall, $"recall {recall:0.000} on the {part} part is below {MinimumRecall}");
        Assert.True(falseFlags <= MaximumFalseFlagRate, $"false-flag rate {falseFlags:0.000} on the {part} part is above {MaximumFalseFlagRate}");
    }
}
