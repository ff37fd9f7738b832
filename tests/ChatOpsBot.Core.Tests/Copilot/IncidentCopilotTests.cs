using ChatOpsBot.Core.Copilot;
using ChatOpsBot.Core.Postmortems;
using ChatOpsBot.Core.Tests.Support;
using ChatOpsBot.Core.Timeline;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsBot.Core.Tests.Copilot;

public class IncidentCopilotTests
{
    private const string Answer = """{"summary":"Search went down.","impact":"All users, 20 minutes.","rewrites":["The runbook had no replica step."]}""";

    private static readonly PostmortemCompiler Compiler = new(TimelineSettings.Utc, BlamelessReview.Default);
    private static readonly CopilotSettings Settings = new(IncludePrivate: false, Timeout: TimeSpan.FromSeconds(20));

    [Fact]
    public async Task TheModelsProposalsAreAddedToTheCompiledDraftMarked()
    {
        var model = new FakeModel(_ => Task.FromResult(Answer));
        var events = IncidentHistory.Declared().Then(i => i.AddNote("Marco botched the failover.")).Events;

        var draft = await new IncidentCopilot(Compiler, model, Settings, TimeProvider.System).DraftPostmortemAsync(events, default);

        Assert.Contains("**🤖 AI-written summary (proposed, not checked):** Search went down.", draft.Markdown, StringComparison.Ordinal);
        Assert.Contains("**🤖 AI-written impact (proposed, not checked):** All users, 20 minutes.", draft.Markdown, StringComparison.Ordinal);
        Assert.Contains("| The runbook had no replica step. |", draft.Markdown, StringComparison.Ordinal);
        var prompt = Assert.Single(model.Prompts);
        Assert.Contains("1. Marco botched the failover.", prompt.Timeline, StringComparison.Ordinal);
        Assert.True(prompt.WantsJson);
    }

    [Fact]
    public async Task AModelThatNeverAnswersIsGivenUpAtTheTimeoutAndTheDraftIsTheCompilersAlone()
    {
        var clock = new FakeTimeProvider(IncidentHistory.Start);
        var model = new FakeModel(_ => new TaskCompletionSource<string>().Task);
        var events = IncidentHistory.Declared().Then(i => i.AddNote("Marco botched the failover.")).Events;

        var pending = new IncidentCopilot(Compiler, model, Settings, clock).DraftPostmortemAsync(events, default);
        Assert.False(pending.IsCompleted);
        clock.Advance(Settings.Timeout);
        var draft = await pending;

        Assert.Equal(Compiler.Compile(events).Markdown, draft.Markdown);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("[1, 2]")]
    [InlineData("{\"other\": 1}")]
    public async Task AnAnswerOfTheWrongShapeOrAFailureLeavesTheDraftWithoutAi(string answer)
    {
        var events = IncidentHistory.Declared().Events;

        var wrongShape = await new IncidentCopilot(Compiler, new FakeModel(_ => Task.FromResult(answer)), Settings, TimeProvider.System).DraftPostmortemAsync(events, default);
        var failed = await new IncidentCopilot(Compiler, new FakeModel(_ => throw new HttpRequestException("502")), Settings, TimeProvider.System).DraftPostmortemAsync(events, default);

        Assert.Equal(Compiler.Compile(events).Markdown, wrongShape.Markdown);
        Assert.Equal(Compiler.Compile(events).Markdown, failed.Markdown);
    }

    [Fact]
    public async Task APrivateIncidentIsSentOnlyWhenIncludePrivateIsOn()
    {
        var events = IncidentHistory.Declared(isPrivate: true).Events;
        var model = new FakeModel(_ => Task.FromResult(Answer));

        await new IncidentCopilot(Compiler, model, Settings, TimeProvider.System).DraftPostmortemAsync(events, default);
        Assert.Empty(model.Prompts);

        var draft = await new IncidentCopilot(Compiler, model, Settings with { IncludePrivate = true }, TimeProvider.System).DraftPostmortemAsync(events, default);
        Assert.True(Assert.Single(model.Prompts).IsPrivate);
        Assert.Contains("🤖 AI-written summary", draft.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutAModelTheCopilotIsOffAndDraftsNoStatusUpdate()
    {
        var history = IncidentHistory.Declared();
        var copilot = new IncidentCopilot(Compiler, null, CopilotSettings.Default, TimeProvider.System);

        Assert.False(copilot.IsOn);
        Assert.Null(await copilot.DraftStatusUpdateAsync(history.State, history.Events, default));
        Assert.Equal(Compiler.Compile(history.Events).Markdown, (await copilot.DraftPostmortemAsync(history.Events, default)).Markdown);
    }

    [Fact]
    public void AnAnswerInACodeFenceIsRead()
    {
        var assist = PostmortemAssist.Parse("```json\n" + Answer + "\n```");

        Assert.Equal("Search went down.", assist!.Summary);
        Assert.Equal("The runbook had no replica step.", assist.RewriteFor(0));
        Assert.Null(assist.RewriteFor(1));
    }

    private sealed class FakeModel(Func<CopilotPrompt, Task<string>> answer) : ICopilotModel
    {
        public List<CopilotPrompt> Prompts { get; } = [];

        public Task<string> CompleteAsync(CopilotPrompt prompt, CancellationToken cancellationToken)
        {
            Prompts.Add(prompt);
            return answer(prompt);
        }
    }
}
