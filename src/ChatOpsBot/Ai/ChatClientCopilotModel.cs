using System.Diagnostics;
using ChatOpsBot.Core.Copilot;
using Microsoft.Extensions.AI;

namespace ChatOpsBot.Ai;

/// <summary>
/// The co-pilot's model through Microsoft.Extensions.AI's <see cref="IChatClient"/>. Logs, for every request, the
/// purpose, the model, the token counts and the time; the prompt text too unless the incident is private.
/// Failures are logged and rethrown: <see cref="IncidentCopilot"/> falls back to the draft without AI.
/// </summary>
public sealed partial class ChatClientCopilotModel(IChatClient client, string model, ILogger<ChatClientCopilotModel> logger) : ICopilotModel
{
    public async Task<string> CompleteAsync(CopilotPrompt prompt, CancellationToken cancellationToken)
    {
        if (prompt.IsPrivate)
        {
            LogPromptPrivate(logger, prompt.Purpose, prompt.IncidentNumber, model, prompt.Instructions.Length + prompt.Timeline.Length);
        }
        else
        {
            LogPrompt(logger, prompt.Purpose, prompt.IncidentNumber, model, prompt.Timeline);
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            var options = new ChatOptions { ModelId = model, ResponseFormat = prompt.WantsJson ? ChatResponseFormat.Json : null };
            var response = await client.GetResponseAsync(
                [new ChatMessage(ChatRole.System, prompt.Instructions), new ChatMessage(ChatRole.User, prompt.Timeline)], options, cancellationToken);
            LogAnswered(logger, prompt.Purpose, prompt.IncidentNumber, response.ModelId ?? model, response.Usage?.InputTokenCount,
                response.Usage?.OutputTokenCount, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response.Text;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, null, prompt.Purpose, prompt.IncidentNumber, model, "timed out", Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
        catch (OperationCanceledException)
        {
            LogFailed(logger, null, prompt.Purpose, prompt.IncidentNumber, model, "gave up waiting", Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
        catch (Exception ex)
        {
            // The exception, not the request: the client's exceptions carry no credentials, the request headers would.
            LogFailed(logger, ex, prompt.Purpose, prompt.IncidentNumber, model, ex.GetType().Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "AI {Purpose} prompt for INC-{IncidentNumber} to model {Model}: {Prompt}")]
    private static partial void LogPrompt(ILogger logger, CopilotPurpose purpose, int incidentNumber, string model, string prompt);

    [LoggerMessage(Level = LogLevel.Information, Message = "AI {Purpose} prompt for INC-{IncidentNumber} (private: text not logged) to model {Model}, {PromptChars} characters")]
    private static partial void LogPromptPrivate(ILogger logger, CopilotPurpose purpose, int incidentNumber, string model, int promptChars);

    [LoggerMessage(Level = LogLevel.Information, Message = "AI {Purpose} answer for INC-{IncidentNumber} from model {Model}: {InputTokens} prompt tokens, {OutputTokens} completion tokens, {ElapsedMs:0} ms")]
    private static partial void LogAnswered(ILogger logger, CopilotPurpose purpose, int incidentNumber, string model, long? inputTokens, long? outputTokens, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "AI {Purpose} request for INC-{IncidentNumber} to model {Model} failed ({Reason}) after {ElapsedMs:0} ms; the draft goes out without AI")]
    private static partial void LogFailed(ILogger logger, Exception? exception, CopilotPurpose purpose, int incidentNumber, string model, string reason, double elapsedMs);
}
