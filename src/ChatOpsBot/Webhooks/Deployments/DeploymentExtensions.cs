using ChatOpsBot.Core.Changes;
using ChatOpsBot.Core.Dora;
using ChatOpsBot.Core.Insights;
using ChatOpsBot.Observability;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Webhooks.Deployments;

public static class DeploymentExtensions
{
    /// <summary>Deploy intake and "what changed?": webhook credentials and the look-back, validated at start.</summary>
    public static WebApplicationBuilder AddChanges(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DeploymentWebhookOptions>().BindConfiguration("Webhooks").ValidateOnStart();
        services.AddOptions<ChangesOptions>().BindConfiguration(ChangesOptions.Section).ValidateOnStart();
        services.AddSingleton<DeploymentOptionsValidator>();
        services.AddSingleton<IValidateOptions<DeploymentWebhookOptions>>(sp => sp.GetRequiredService<DeploymentOptionsValidator>());
        services.AddSingleton<IValidateOptions<ChangesOptions>>(sp => sp.GetRequiredService<DeploymentOptionsValidator>());
        services.AddSingleton<ChangeIntake>();
        services.AddSingleton(sp => new ChangeSettings(TimeSpan.FromHours(sp.GetRequiredService<IOptions<ChangesOptions>>().Value.LookbackHours)));
        services.AddSingleton<WhatChanged>();
        services.AddSingleton(DoraSettings.Default);
        services.AddSingleton<DeliveryMetrics>();
        services.AddSingleton<InsightsService>();
        services.AddOptions<DoraGaugeOptions>().BindConfiguration(DoraGaugeOptions.Section)
            .Validate(o => o.RefreshInterval >= TimeSpan.FromSeconds(1), "Dora:RefreshInterval must be at least 00:00:01.").ValidateOnStart();
        services.AddHostedService<DoraGauges>();
        return builder;
    }
}
