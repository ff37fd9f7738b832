using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Postmortems;
using ChatOpsBot.Core.Tests.Golden;
using ChatOpsBot.Core.Tests.Support;
using ChatOpsBot.Core.Timeline;

namespace ChatOpsBot.Core.Tests.Postmortems;

public class PostmortemCompilerTests
{
    private static readonly PostmortemCompiler Compiler = new(TimelineSettings.Utc, BlamelessReview.Default);

    [Fact]
    public void TheSectionsComeInTheTemplatesOrder()
    {
        var markdown = new PostmortemCompiler(TimelineSettings.Utc, BlamelessReview.Default).Compile(Sev1Fixture.Events()).Markdown;

        string[] headings = ["## Summary", "## Impact", "## Key times and durations", "## Detection", "## Timeline", "## Status updates",
            "## Contributing factors", "## What went well", "## What went badly", "## Where we got lucky", "## Action items", "## Links", "## Review before sharing"];
        var positions = headings.Select(h => markdown.IndexOf("\n" + h + "\n", StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p > 0));
        Assert.Equal(positions.Order(), positions);
    }

    [Fact]
    public void AJustDeclaredIncidentSaysWhatIsNotKnownInsteadOfInventingIt()
    {
        var history = IncidentHistory.Declared();

        var markdown = Compiler.Compile(history.Events).Markdown;

        Assert.Contains("_No resolve summary was given.", markdown, StringComparison.Ordinal);
        Assert.Contains("- Duration: _still unresolved_", markdown, StringComparison.Ordinal);
        Assert.Contains("| Mitigated (first monitoring) | _not reached_ |", markdown, StringComparison.Ordinal);
        Assert.Contains("- Time to resolve: _not reached_", markdown, StringComparison.Ordinal);
        Assert.Contains("_No status updates were posted._", markdown, StringComparison.Ordinal);
        Assert.Contains("_No action items were recorded.", markdown, StringComparison.Ordinal);
        Assert.Contains("- Incident channel: _none was opened_", markdown, StringComparison.Ordinal);
        Assert.Contains("_No sentence in the notes, updates, summaries or action items reads as blame or hindsight._", markdown, StringComparison.Ordinal);
        Assert.Contains("Detected by a person", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("⚠️", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAlertBeforeTheDeclarationIsTheDetectionAndTheClockStartsThere()
    {
        var times = KeyTimes.From(Sev1Fixture.Events());

        Assert.True(times.Detection.ByAlert);
        Assert.Equal("alertmanager", times.Detection.By.Id);
        Assert.Equal(new DateTimeOffset(2025, 3, 14, 9, 1, 30, TimeSpan.Zero), times.Detected);
        Assert.Equal(TimeSpan.FromMinutes(23.5), times.TimeToMitigate); // the first "monitoring", not the second
        Assert.Equal(TimeSpan.FromSeconds(150), times.TimeToAcknowledge);
    }

    [Fact]
    public void AReopenedIncidentIsResolvedWhenItWasLastResolved()
    {
        var history = IncidentHistory.Declared().Then(i => i.Resolve("first try"));
        history.Clock.Advance(TimeSpan.FromMinutes(10));
        history.Then(i => i.Reopen());
        history.Clock.Advance(TimeSpan.FromMinutes(20));
        history.Then(i => i.Resolve("for real"));

        var times = KeyTimes.From(history.Events);

        Assert.Equal(IncidentHistory.Start.AddMinutes(30), times.Resolved);
        Assert.Equal(TimeSpan.FromMinutes(30), times.TimeToResolve);
    }

    [Fact]
    public void TextPeopleTypedCannotBreakTheDraftsTables()
    {
        var history = IncidentHistory.Declared()
            .Then(i => i.AddActionItem("a | b\n## Injected heading\n<script>alert(1)</script>", null));

        var markdown = Compiler.Compile(history.Events).Markdown;

        var row = markdown.Split('\n').Single(l => l.StartsWith("| 1 |", StringComparison.Ordinal));
        Assert.Equal("| 1 | a \\| b<br>## Injected heading<br>\\<script\\>alert(1)\\</script\\> | _unassigned_ | _not set_ | open | 2025-03-14 09:00:00 UTC |", row);
        Assert.DoesNotContain("\n## Injected heading", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void BlamefulWordingIsCountedInTheHeaderAndListedForReview()
    {
        var draft = Compiler.Compile(Sev1Fixture.Events());

        // "Why did the pipeline allow …?" asks about the system, not a person, so it is not flagged.
        var hit = Assert.Single(draft.ReviewHits);
        Assert.Equal(BlameKind.HumanError, hit.Kind);
        Assert.Equal("Dave forgot to run the migration before the deploy; human error.", hit.Quote);
        Assert.Contains("⚠️ 1 sentence needs review before sharing", draft.Markdown, StringComparison.Ordinal);
        Assert.Contains($"| Dave forgot to run the migration before the deploy; human error. | human error as a cause | note by @bob, 2025-03-14 09:16:00 UTC | {MarkdownText.Inline(BlameKind.HumanError.Prompt())} |", draft.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void ATimelineWithoutItsDeclarationIsRefused()
    {
        Assert.Throws<ArgumentException>(() => Compiler.Compile([new NoteAdded("orphan")]));
    }

    [Fact]
    public void CompilingIsTheSameUnderAnyHostCulture()
    {
        var before = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("th-TH");
            var thai = Compiler.Compile(Sev1Fixture.Events()).Markdown;
            System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
            Assert.Equal(Compiler.Compile(Sev1Fixture.Events()).Markdown, thai);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = before;
        }
    }
}
