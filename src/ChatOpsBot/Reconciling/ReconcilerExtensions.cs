using ChatOpsBot.Chat;
using ChatOpsBot.Http;

namespace ChatOpsBot.Reconciling;

public static class ReconcilerExtensions
{
    public static WebApplicationBuilder AddReconciler(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReconcilerOptions>().BindConfiguration(ReconcilerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.AddPublicLinks();
        builder.Services.AddSingleton<ChatPlatforms>();
        builder.Services.AddSingleton<StakeholderDelivery>();
        builder.Services.AddSingleton<Reconciler>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Reconciler>());
        return builder;
    }
}
