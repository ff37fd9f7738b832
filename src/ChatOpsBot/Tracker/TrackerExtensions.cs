using ChatOpsBot.Core.Tracker;
using Microsoft.Extensions.Options;
using Polly;
using Refit;

namespace ChatOpsBot.Tracker;

public static class TrackerExtensions
{
    /// <summary>Registers the tracker when Tracker:GitHub:Repository or Tracker:Jira:BaseUrl is set; validated at start only then.</summary>
    public static WebApplicationBuilder AddTracker(this WebApplicationBuilder builder)
    {
        if (!TrackerOptions.IsEnabled(builder.Configuration))
        {
            return builder;
        }

        var services = builder.Services;
        services.AddOptions<TrackerOptions>().BindConfiguration(TrackerOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TrackerOptions>, TrackerOptionsValidator>();
        services.AddSingleton<TrackerSettings>(sp => sp.GetRequiredService<IOptions<TrackerOptions>>().Value.ToSettings());

        if (!string.IsNullOrWhiteSpace(builder.Configuration[$"{TrackerOptions.Section}:GitHub:{nameof(GitHubTrackerOptions.Repository)}"]))
        {
            // Octokit sends through this client's handler. No retry: creating an issue is not idempotent, so a
            // failed attempt is retried by the worker (and told in the channel), never twice within one attempt.
            services.AddHttpClient(GitHubTracker.ClientName).AddResilienceHandler("github-issues", pipeline => pipeline.AddTimeout(TimeSpan.FromSeconds(15)));
            services.AddSingleton<ITracker, GitHubTracker>();
        }
        else
        {
            services.AddTransient<JiraAuthHandler>();
            services.AddRefitGeneratedClient<IJiraApi>(new RefitSettings(new SystemTextJsonContentSerializer()))
                .ConfigureHttpClient((sp, http) => http.BaseAddress = sp.GetRequiredService<IOptions<TrackerOptions>>().Value.Jira.BaseUrl)
                .AddHttpMessageHandler<JiraAuthHandler>()
                .AddResilienceHandler("jira-issues", pipeline => pipeline.AddTimeout(TimeSpan.FromSeconds(15)));
            services.AddSingleton<ITracker, JiraTracker>();
        }

        services.AddSingleton<TrackerWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<TrackerWorker>());
        return builder;
    }

    /// <summary>The trackers' "issue closed" webhooks, each only when its secret is configured.</summary>
    public static WebApplication MapTracker(this WebApplication app)
    {
        if (!TrackerOptions.IsEnabled(app.Configuration))
        {
            return app;
        }

        if (!string.IsNullOrEmpty(app.Configuration[$"{TrackerOptions.Section}:GitHub:{nameof(GitHubTrackerOptions.WebhookSecret)}"]))
        {
            app.MapPost("/webhooks/github", GitHubIssuesWebhook.HandleAsync).DisableAntiforgery().WithTags("Tracker");
        }

        if (!string.IsNullOrEmpty(app.Configuration[$"{TrackerOptions.Section}:Jira:{nameof(JiraTrackerOptions.WebhookSecret)}"]))
        {
            app.MapPost("/webhooks/jira", JiraIssueWebhook.HandleAsync).DisableAntiforgery().WithTags("Tracker");
        }

        return app;
    }
}
