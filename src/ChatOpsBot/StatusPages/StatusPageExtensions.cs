using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Refit;

namespace ChatOpsBot.StatusPages;

public static class StatusPageExtensions
{
    /// <summary>Registers the Atlassian Statuspage when StatusPage:Atlassian:PageId is set; validated at start only then.</summary>
    public static WebApplicationBuilder AddAtlassianStatusPage(this WebApplicationBuilder builder)
    {
        if (!StatusPageOptions.IsEnabled(builder.Configuration))
        {
            return builder;
        }

        var services = builder.Services;
        services.AddOptions<StatusPageOptions>().BindConfiguration(StatusPageOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StatusPageOptions>, StatusPageOptionsValidator>();
        services.AddTransient<StatuspageAuthHandler>();
        services.AddRefitGeneratedClient<IStatuspageApi>(new RefitSettings(new SystemTextJsonContentSerializer()))
            .ConfigureHttpClient((sp, http) => http.BaseAddress = sp.GetRequiredService<IOptions<StatusPageOptions>>().Value.Atlassian.ApiUrl)
            .AddHttpMessageHandler<StatuspageAuthHandler>()
            .AddResilienceHandler("atlassian-statuspage", pipeline =>
            {
                // Creating an incident is not idempotent: only 429 (with Retry-After) is retried within one attempt,
                // when Statuspage did nothing; anything else waits for the worker's retry.
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = 2,
                    ShouldRetryAfterHeader = true,
                    ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result?.StatusCode == System.Net.HttpStatusCode.TooManyRequests),
                });
                pipeline.AddTimeout(TimeSpan.FromSeconds(15));
            });
        services.AddSingleton<AtlassianStatusPage>();
        services.AddSingleton<StatusPageWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<StatusPageWorker>());
        return builder;
    }
}
