using ChatOpsBot.Console;
using ChatOpsBot.Hosting;
using ChatOpsBot.Scheduling;
using ChatOpsBot.Slack;
using ChatOpsBot.Storage;
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
    builder.AddSignIn();
    builder.AddReconciler();
    builder.AddReminders();
    builder.AddConsole();
    builder.AddSlack();
    builder.AddPostmortems();
    builder.AddWebhooks();

    var app = builder.Build();

    app.UseRequestLogging();
    app.UseFailureAnswers();
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
