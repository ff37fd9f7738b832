using ChatOpsBot.Core.Paging;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Refit;

namespace ChatOpsBot.Paging;

public static class PagingExtensions
{
    /// <summary>
    /// Registers paging when Paging:PagerDuty:RoutingKey or Paging:Opsgenie:ApiKey is set; otherwise <c>/incident page</c>
    /// says paging is not configured. Options are validated at start only then.
    /// </summary>
    public static WebApplicationBuilder AddPaging(this WebApplicationBuilder builder)
    {
        if (!PagingOptions.IsEnabled(builder.Configuration))
        {
            return builder;
        }

        var services = builder.Services;
        services.AddOptions<PagingOptions>().BindConfiguration(PagingOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PagingOptions>, PagingOptionsValidator>();
        services.AddSingleton<PagingSettings>(sp => sp.GetRequiredService<IOptions<PagingOptions>>().Value.ToSettings());

        if (PagerDutyOptions.IsEnabled(builder.Configuration))
        {
            services.AddRefitGeneratedClient<IPagerDutyEventsApi>(new RefitSettings(new SystemTextJsonContentSerializer(PagerDutyProvider.Json)))
                .ConfigureHttpClient((sp, http) => http.BaseAddress = sp.GetRequiredService<IOptions<PagingOptions>>().Value.PagerDuty.EventsUrl)
                .AddPagingResilience("pagerduty-events");
            services.AddSingleton<IPagingProvider, PagerDutyProvider>();
        }

        if (OpsgenieOptions.IsEnabled(builder.Configuration))
        {
            services.AddTransient<OpsgenieAuthHandler>();
            services.AddRefitGeneratedClient<IOpsgenieApi>(new RefitSettings(new SystemTextJsonContentSerializer(OpsgenieProvider.Json)))
                .ConfigureHttpClient((sp, http) => http.BaseAddress = sp.GetRequiredService<IOptions<PagingOptions>>().Value.Opsgenie.BaseUrl)
                .AddHttpMessageHandler<OpsgenieAuthHandler>()
                .AddPagingResilience("opsgenie-alerts");
            services.AddSingleton<IPagingProvider, OpsgenieProvider>();
        }

        services.AddSingleton<PagingWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<PagingWorker>());
        return builder;
    }

    /// <summary>The providers' acknowledgement webhooks, each only when its secret is configured.</summary>
    public static WebApplication MapPaging(this WebApplication app)
    {
        var pagerDutySecret = app.Configuration[$"{PagingOptions.Section}:PagerDuty:{nameof(PagerDutyOptions.WebhookSecret)}"];
        if (PagerDutyOptions.IsEnabled(app.Configuration) && !string.IsNullOrEmpty(pagerDutySecret))
        {
            app.MapPost("/webhooks/pagerduty", PagerDutyWebhook.HandleAsync).DisableAntiforgery().WithTags("Paging");
        }

        var opsgenieToken = app.Configuration[$"{PagingOptions.Section}:Opsgenie:{nameof(OpsgenieOptions.WebhookToken)}"];
        if (OpsgenieOptions.IsEnabled(app.Configuration) && !string.IsNullOrEmpty(opsgenieToken))
        {
            app.MapPost("/webhooks/opsgenie", OpsgenieWebhook.HandleAsync).DisableAntiforgery().WithTags("Paging");
        }

        return app;
    }

    // 5xx, 408, 429 (waiting Retry-After) and network errors, a few times within one attempt of the worker; each try
    // bounded, so a hung provider is a failure the channel hears about rather than a page stuck forever.
    private static IHttpClientBuilder AddPagingResilience(this IHttpClientBuilder client, string name)
    {
        client.AddResilienceHandler(name, (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<PagingOptions>>().Value;
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = 2,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
                ShouldRetryAfterHeader = true,
            });
            pipeline.AddTimeout(TimeSpan.FromSeconds(10));
        });
        return client;
    }
}
