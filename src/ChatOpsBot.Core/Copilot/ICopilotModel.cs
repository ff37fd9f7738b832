namespace ChatOpsBot.Core.Copilot;

/// <summary>What one request to the language model is for; logs and metrics name it.</summary>
public enum CopilotPurpose
{
    Postmortem,
    StatusUpdate,
}

/// <summary>
/// One request to the model, built from the timeline alone. <see cref="IsPrivate"/> travels with it so the
/// model's adapter logs only counts, never the text, of a private incident's prompt.
/// </summary>
public sealed record CopilotPrompt(CopilotPurpose Purpose, int IncidentNumber, bool IsPrivate, string Instructions, string Timeline, bool WantsJson);

/// <summary>
/// The seam to a language model (an OpenAI-compatible chat completions endpoint in the host). It returns the
/// model's text or throws; <see cref="IncidentCopilot"/> bounds its time and falls back when it fails.
/// </summary>
public interface ICopilotModel
{
    Task<string> CompleteAsync(CopilotPrompt prompt, CancellationToken cancellationToken);
}

/// <summary>How the copilot may use the model: whether private incidents may be sent, and how long to wait.</summary>
public sealed record CopilotSettings(bool IncludePrivate, TimeSpan Timeout)
{
    public static CopilotSettings Default { get; } = new(false, TimeSpan.FromSeconds(20));
}
