using ChatOpsBot.Core.Commands;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ChatOpsBot.Observability;

/// <summary>Settings under "OpenTelemetry".</summary>
public sealed class TelemetryOptions
{
    public const string Section = "OpenTelemetry";

    /// <summary>OTLP endpoint for traces (e.g. http://otel-collector:4317); traces are off when empty.</summary>
    public Uri? Endpoint { get; set; }
}

public static class Telemetry
{
    /// <summary>Prometheus metrics at /metrics always; OTLP traces only when OpenTelemetry:Endpoint is set.</summary>
    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IncidentMetrics>();
        var endpoint = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>()?.Endpoint;
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("chatopsbot"))
            .WithMetrics(metrics => metrics
                .AddMeter(CommandMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                // No response cache: a scrape shows the state of that moment, which is what alerts and tests expect.
                .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        if (endpoint is not null)
        {
            otel.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddOtlpExporter(o => o.Endpoint = endpoint));
        }

        return builder;
    }

    public static WebApplication MapMetrics(this WebApplication app)
    {
        // Resolving it starts the incident metrics listening to appends.
        app.Services.GetRequiredService<IncidentMetrics>();
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }
}
