using ChatOpsBot.Console;
using ChatOpsBot.Hosting;
using ChatOpsBot.Paging;
using ChatOpsBot.Scheduling;
using ChatOpsBot.Slack;
using ChatOpsBot.StatusPages;
using ChatOpsBot.Storage;
using ChatOpsBot.Tracker;
using ChatOpsBot.Web;
using ChatOpsBot.Webhooks;
using Serilog;

if (HealthProbe.IsRequested(args))
{
    return await HealthProbe.RunAsync(args[1]);
}

Log.Logger = Logging.CreateBootstrapLogger();
try
{
    var builder = WebApplication.CreateBuilder(args);

    builder.AddLogging();
    builder.AddTelemetry();
    builder.AddIncidentCore();
    builder.AddStorage();
    builder.AddAccessToken();
    builder.AddReconciler();
    builder.AddReminders();
    builder.AddConsole();
    builder.AddSlack();
    builder.AddPostmortems();
    builder.AddWebhooks();
    builder.AddPaging();
    builder.AddTracker();
    builder.AddAtlassianStatusPage();

    var app = builder.Build();

    app.UseRequestLogging();
    app.LogAddressOnStart();

    app.MapHealth();
    app.MapMetrics();
    app.MapAccessTokenLogin();
    app.MapReadApi();
    app.MapExportApi();
    app.MapStatsApi();
    app.MapStatusPage();
    app.MapConsole();
    app.MapSlack();
    app.MapWebhooks();
    app.MapPaging();
    app.MapTracker();
    app.MapBenchFloor();

    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (ex is not HostAbortedException)
{
    Log.Fatal(ex, "ChatOpsBot stopped: {Reason}", ex.Message);
    return 1;
}
finally
{
    Log.CloseAndFlush();
}

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
