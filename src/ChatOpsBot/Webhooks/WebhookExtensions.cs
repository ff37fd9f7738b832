using ChatOpsBot.Core.Alerts;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Webhooks;

public static class WebhookExtensions
{
    /// <summary>Alert intake: options (validated at start), routing rules, <see cref="AlertIntake"/> and the triage prompter.</summary>
    public static WebApplicationBuilder AddWebhooks(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidator>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<WebhookOptions>>().Value.ToRouting());
        services.AddSingleton(sp => new AlertIntakeSettings { PromptCooldown = sp.GetRequiredService<IOptions<WebhookOptions>>().Value.PromptCooldown });
        services.AddSingleton<AlertIntake>();
        services.AddSingleton<TriagePrompter>();
        WebhookCredentialsAuthentication.Register(services);

        return builder;
    }
}
