namespace ChatOpsBot.Scheduling;

public static class ReconcilerExtensions
{
    public static WebApplicationBuilder AddReconciler(this WebApplicationBuilder builder) => builder;
}
