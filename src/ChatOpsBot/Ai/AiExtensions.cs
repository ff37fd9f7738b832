using System.ClientModel;
using System.ClientModel.Primitives;
using ChatOpsBot.Core.Copilot;
using ChatOpsBot.Core.Postmortems;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI;

namespace ChatOpsBot.Ai;

public static class AiExtensions
{
    /// <summary>
    /// The optional AI co-pilot, configured from "Ai". Without Ai:Endpoint the <see cref="IncidentCopilot"/> is off
    /// and no model client exists.
    /// </summary>
    public static WebApplicationBuilder AddAi(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AiOptions>().BindConfiguration(AiOptions.Section).ValidateDataAnnotations()
            .Validate(o => !o.IsOn || !string.IsNullOrWhiteSpace(o.Model), "Ai:Model must name the model when Ai:Endpoint is set.")
            .ValidateOnStart();
        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<AiOptions>>().Value;
            var compiler = sp.GetRequiredService<PostmortemCompiler>();
            ICopilotModel? model = options.IsOn
                ? new ChatClientCopilotModel(CreateChatClient(options), options.Model, sp.GetRequiredService<ILogger<ChatClientCopilotModel>>())
                : null;
            return new IncidentCopilot(compiler, model, new CopilotSettings(options.IncludePrivate, options.Timeout), sp.GetRequiredService<TimeProvider>());
        });
        return builder;
    }

    private static IChatClient CreateChatClient(AiOptions options)
    {
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = options.Endpoint,
            // One attempt within the co-pilot's own time limit: a retry would only make the draft wait longer.
            NetworkTimeout = options.Timeout,
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        };
        // Local endpoints (Ollama, vLLM) take any key; the OpenAI client insists on one.
        var credential = new ApiKeyCredential(string.IsNullOrWhiteSpace(options.ApiKey) ? "none" : options.ApiKey);
        return new OpenAIClient(credential, clientOptions).GetChatClient(options.Model).AsIChatClient();
    }
}
