using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace ChatOpsBot.Observability;

/// <summary>Two-stage Serilog set-up: a bootstrap logger for start-up failures, then the configured one.</summary>
public static class Logging
{
    public static Serilog.ILogger CreateBootstrapLogger() =>
        new LoggerConfiguration().MinimumLevel.Override("Microsoft", LogEventLevel.Warning).WriteTo.Console().CreateBootstrapLogger();

    /// <summary>Readable console lines in Development, compact JSON (one event a line) everywhere else.</summary>
    public static WebApplicationBuilder AddLogging(this WebApplicationBuilder builder)
    {
        var development = builder.Environment.IsDevelopment();
        // preserveStaticLogger: several hosts in one test process must not fight over the static bootstrap logger.
        builder.Services.AddSerilog((services, logger) =>
        {
            logger.ReadFrom.Configuration(builder.Configuration)
                .ReadFrom.Services(services)
                .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
                // One line per outgoing call at Information is noise; failures still come through the resilience logs.
                .MinimumLevel.Override("System.Net.Http.HttpClient", LogEventLevel.Warning)
                .Enrich.FromLogContext();
            if (development)
            {
                logger.WriteTo.Async(a => a.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}"));
            }
            else
            {
                // A background writer: under an alert storm, requests must not queue behind the console.
                logger.WriteTo.Async(a => a.Console(new CompactJsonFormatter()));
            }
        }, preserveStaticLogger: true);
        return builder;
    }

    /// <summary>
    /// One line per request (method, path without query, status, time) through the configured logger: the
    /// static one is only the bootstrap logger, kept apart so that several hosts in one test process do not share it.
    /// </summary>
    public static WebApplication UseRequestLogging(this WebApplication app)
    {
        app.UseSerilogRequestLogging(o => o.Logger = app.Services.GetRequiredService<Serilog.ILogger>());
        return app;
    }
}
