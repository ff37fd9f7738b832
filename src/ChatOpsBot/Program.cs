using ChatOpsBot.Ai;
using ChatOpsBot.Auth;
using ChatOpsBot.Bench;
using ChatOpsBot.Chat;
using ChatOpsBot.Console;
using ChatOpsBot.Health;
using ChatOpsBot.Http;
using ChatOpsBot.Incidents;
using ChatOpsBot.Observability;
using ChatOpsBot.Paging;
using ChatOpsBot.Reconciling;
using ChatOpsBot.Reminders;
using ChatOpsBot.Slack;
using ChatOpsBot.StatusPages;
using ChatOpsBot.Storage;
using ChatOpsBot.Teams;
using ChatOpsBot.Tracker;
using ChatOpsBot.Web;
using ChatOpsBot.Web.Insights;
using ChatOpsBot.Web.Pages;
using ChatOpsBot.Webhooks;
using ChatOpsBot.Webhooks.Deployments;
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
    builder.AddTeams();
    builder.AddPostmortems();
    builder.AddAi();
    builder.AddWebhooks();
    builder.AddChanges();
    builder.AddPaging();
    builder.AddTracker();
    builder.AddAtlassianStatusPage();

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
    app.MapChangesApi();
    app.MapInsightsPage();
    app.MapStatusPage();
    app.MapIncidentPages();
    app.MapConsole();
    app.MapSlack();
    app.MapTeams();
    app.MapWebhooks();
    app.MapDeployments();
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
