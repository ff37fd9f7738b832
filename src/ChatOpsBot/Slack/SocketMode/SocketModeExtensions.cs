using ChatOpsBot.Health;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace ChatOpsBot.Slack.SocketMode;

public static class SocketModeExtensions
{
    /// <summary>With Slack:AppToken set, Slack's work arrives over an outbound WebSocket instead of (or as well as) the Request URLs.</summary>
    public static IServiceCollection AddSlackSocketMode(this IServiceCollection services, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration[$"{SlackOptions.Section}:{nameof(SlackOptions.AppToken)}"]))
        {
            return services;
        }

        // The token is sent per request, not by a handler; the returned wss:// URL is a credential, so no request logging.
        services.AddHttpClient(SlackSocketModeClient.ConnectionsClient, (sp, http) =>
                http.BaseAddress = sp.GetRequiredService<IOptions<SlackOptions>>().Value.ApiBaseUrl)
            .RemoveAllLoggers()
            .AddResilienceHandler("slack-socket-mode", pipeline => pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = 2, BackoffType = DelayBackoffType.Exponential, UseJitter = true, ShouldRetryAfterHeader = true,
            }));
        services.AddSingleton<SlackEnvelopeDispatcher>();
        services.AddSingleton<SlackSocketModeClient>();
        services.AddHostedService(sp => sp.GetRequiredService<SlackSocketModeClient>());
        services.AddHealthChecks().AddCheck<SlackSocketHealthCheck>("slack-socket-mode", tags: [HealthEndpoints.ReadyTag]);
        return services;
    }
}
