using ChatOpsBot.Console;
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

        // The console creates its default channels at start; the triage channel is one of them when alerts can prompt.
        services.PostConfigure<ConsoleOptions>(console =>
        {
            var triage = builder.Configuration.GetSection(WebhookOptions.Section).GetValue<string>(nameof(WebhookOptions.TriageChannel)) ?? new WebhookOptions().TriageChannel;
            if (!console.DefaultChannels.Contains(triage, StringComparer.OrdinalIgnoreCase))
            {
                console.DefaultChannels.Add(triage);
            }
        });
        return builder;
    }
}
