using System.ComponentModel.DataAnnotations;

namespace ChatOpsBot.Ai;

/// <summary>
/// Settings under "Ai": the optional co-pilot. Off unless <see cref="Endpoint"/> is set; any OpenAI-compatible chat
/// completions endpoint works (OpenAI "https://api.openai.com/v1", Azure OpenAI's v1 endpoint, Ollama
/// "http://localhost:11434/v1", vLLM).
/// </summary>
public sealed class AiOptions
{
    public const string Section = "Ai";

    /// <summary>The base address the client appends "chat/completions" to; empty turns the co-pilot off.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The model name the endpoint knows ("gpt-4o-mini", "llama3.1").</summary>
    public string Model { get; set; } = "";

    /// <summary>Sent as a bearer token; never logged. Local endpoints often need none.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Whether private incidents' timelines may be sent to the model. Off by default.</summary>
    public bool IncludePrivate { get; set; }

    /// <summary>How long a draft waits for the model before it goes out without AI.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00", ErrorMessage = "Ai:Timeout must be between 1 second and 5 minutes.")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);

    public bool IsOn => Endpoint is not null;
}
