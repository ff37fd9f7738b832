using ChatOpsBot.Core.Postmortems;

namespace ChatOpsBot.Core.Tests.Postmortems;

public class SentenceSplitterTests
{
    [Fact]
    public void TextIsSplitAtSentenceEndsAndLineBreaks()
    {
        Assert.Equal(["Rolled back.", "Why?", "Errors gone!", "next: check pools", "Done"],
            SentenceSplitter.Split("Rolled back. Why? Errors gone!\nnext: check pools\n\nDone"));
    }

    [Fact]
    public void VersionsTimesAndAbbreviationsDoNotEndASentence()
    {
        Assert.Equal(["Deployed 4.2.1 at 03:00 UTC, e.g. to eu-west vs. us-east.", "Then \"it broke.\"", "Done."],
            SentenceSplitter.Split("Deployed 4.2.1 at 03:00 UTC, e.g. to eu-west vs. us-east. Then \"it broke.\" Done."));
    }

    [Fact]
    public void NothingHasNoSentences()
    {
        Assert.Empty(SentenceSplitter.Split("  \n "));
        Assert.Empty(SentenceSplitter.Split(null));
    }
}
