using Microsoft.Extensions.Options;
using Quartz;

namespace ChatOpsBot.Reminders;

public static class ReminderExtensions
{
    /// <summary>Status-update, role-gap, postmortem and action-item reminders: Quartz in-process, the store as the truth.</summary>
    public static WebApplicationBuilder AddReminders(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<IValidateOptions<ReminderOptions>, ReminderOptionsValidator>();
        services.AddOptions<ReminderOptions>().BindConfiguration(ReminderOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ReminderOptions>>().Value.ToSettings());
        services.AddSingleton<ReminderSender>();
        services.AddSingleton<ReminderPlanner>();
        services.AddHostedService(sp => sp.GetRequiredService<ReminderPlanner>());

        services.AddQuartz(q => q.UseInMemoryStore());
        // Finish a reminder in flight on shutdown, so one that was posted is also recorded.
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return builder;
    }
}
