using ChatOpsBot.Core.Messages;
using ChatOpsBot.Slack.SocketMode;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Refit;

namespace ChatOpsBot.Slack;

public static class SlackExtensions
{
    /// <summary>
    /// Registers Slack when Slack:BotToken and Slack:SigningSecret or Slack:AppToken are set; otherwise the bot runs without it.
    /// The options are validated at start only then, so a console-only install needs no Slack settings.
    /// </summary>
    public static WebApplicationBuilder AddSlack(this WebApplicationBuilder builder)
    {
        if (!SlackOptions.IsEnabled(builder.Configuration))
        {
            return builder;
        }

        var services = builder.Services;
        services.AddOptions<SlackOptions>().BindConfiguration(SlackOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SlackOptions>, SlackOptionsValidator>();
        services.AddTransient<SlackApiHandler>();
        services.AddSingleton<SlackRateLimits>();
        services.AddTransient<SlackRateLimitHandler>();

        var slackApi = services.AddRefitGeneratedClient<ISlackApi>(new RefitSettings(new SystemTextJsonContentSerializer(SlackJson.Options)))
            .ConfigureHttpClient((sp, http) => http.BaseAddress = sp.GetRequiredService<IOptions<SlackOptions>>().Value.ApiBaseUrl)
            .AddHttpMessageHandler<SlackApiHandler>();
        slackApi.AddResilienceHandler("slack-web-api", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<SlackOptions>>().Value;
                // Transient 5xx, 408, network errors and 429. A 429 waits exactly Retry-After (per method and
                // workspace, SL-RATE); the rest back off exponentially with jitter.
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = 4,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = options.RetryDelay,
                    ShouldRetryAfterHeader = true,
                });
            });
        // Inside the retries, so every attempt waits its turn (SlackRateLimitHandler).
        slackApi.AddHttpMessageHandler<SlackRateLimitHandler>();

        // The response_url is a credential: no request logging on this client.
        services.AddHttpClient(SlackResponder.ResponseUrlClient).RemoveAllLoggers();
        services.AddHttpClient(SlackFileUploads.UploadClient).RemoveAllLoggers();
        services.AddSingleton<SlackFileUploads>();

        services.AddSingleton<SlackUsers>();
        services.AddSingleton<SlackResponder>();
        services.AddSingleton<SlackTimelineCapture>();
        services.AddSingleton<SlackEventWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<SlackEventWorker>());
        services.AddSingleton<SlackChatPlatform>();
        services.AddSingleton<IChatPlatform>(sp => sp.GetRequiredService<SlackChatPlatform>());
        services.AddSlackSocketMode(builder.Configuration);
        return builder;
    }

    /// <summary>
    /// The three Request URLs of the Slack app, each behind the signature check. Socket Mode replays its envelopes
    /// through these same handlers (<see cref="SlackEnvelopeDispatcher"/>), so without a signing secret they are not mapped.
    /// </summary>
    public static WebApplication MapSlack(this WebApplication app)
    {
        if (!SlackOptions.IsEnabled(app.Configuration) || !SlackOptions.HasRequestUrls(app.Configuration))
        {
            return app;
        }

        var slack = app.MapGroup("/slack").RequireSlackSignature().DisableAntiforgery().ExcludeFromDescription();
        slack.MapPost("/commands", SlackCommandsEndpoint.HandleAsync);
        slack.MapPost("/events", SlackEventsEndpoint.HandleAsync);
        slack.MapPost("/interactivity", SlackInteractivityEndpoint.HandleAsync);
        return app;
    }
}
