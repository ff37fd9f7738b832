using System.Collections.Concurrent;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Postmortems;

namespace ChatOpsBot.Core.Copilot;

/// <summary>
/// The optional AI co-pilot: it asks the model for a postmortem summary, an impact paragraph and neutral rewrites,
/// and for a status-update draft. Without a model it is off and every draft is the compiler's alone. It never
/// sends a private incident unless <see cref="CopilotSettings.IncludePrivate"/>, waits at most
/// <see cref="CopilotSettings.Timeout"/>, and on any failure returns the draft without AI: the model can make a
/// draft richer, never later or missing.
/// </summary>
public sealed class IncidentCopilot(PostmortemCompiler compiler, ICopilotModel? model, CopilotSettings settings, TimeProvider clock)
{
    // The last answer per incident, with the prompt it answered: reading the draft again (web page, close) does
    // not ask the model again until what the prompt tells has changed (bookkeeping events leave it alone).
    private readonly ConcurrentDictionary<int, (string Prompt, PostmortemAssist Assist)> _answers = new();

    public bool IsOn => model is not null;

    /// <summary>Whether this incident's timeline may be sent to the model at all.</summary>
    public bool MaySend(Incident incident) => model is not null && (!incident.IsPrivate || settings.IncludePrivate);

    public async Task<PostmortemDraft> DraftPostmortemAsync(IReadOnlyList<IncidentEvent> events, CancellationToken cancellationToken)
    {
        var incident = Incident.Fold(events);
        if (!MaySend(incident))
        {
            return compiler.Compile(events);
        }

        var prompt = CopilotPrompts.Postmortem(incident, events, compiler.BlamelessReview.Review(events));
        if (_answers.TryGetValue(incident.Number, out var known) && known.Prompt == prompt.Timeline)
        {
            return compiler.Compile(events, known.Assist);
        }

        var assist = await AskAsync(prompt, cancellationToken) is { } answer ? PostmortemAssist.Parse(answer) : null;
        if (assist is not null)
        {
            _answers[incident.Number] = (prompt.Timeline, assist);
        }

        return compiler.Compile(events, assist);
    }

    /// <summary>A status-update draft for the commander to edit and post, or null when off, private or failed.</summary>
    public async Task<string?> DraftStatusUpdateAsync(Incident incident, IReadOnlyList<IncidentEvent> events, CancellationToken cancellationToken)
    {
        if (!MaySend(incident))
        {
            return null;
        }

        return await AskAsync(CopilotPrompts.StatusUpdate(incident, events), cancellationToken) is { } text && text.Trim() is { Length: > 0 } draft ? draft : null;
    }

    private async Task<string?> AskAsync(CopilotPrompt prompt, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(settings.Timeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            // WaitAsync as well as the token: a model client that ignores cancellation still cannot hold the draft.
            return await model!.CompleteAsync(prompt, linked.Token).WaitAsync(settings.Timeout, clock, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not OutOfMemoryException)
        {
            // Timeout, HTTP failure, a refusal: the adapter has logged it; the draft goes out without AI.
            return null;
        }
    }
}
