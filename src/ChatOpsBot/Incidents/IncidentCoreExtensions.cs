using System.Text.Json;
using System.Text.Json.Serialization;
using ChatOpsBot.Core.Commands;
using ChatOpsBot.Core.Incidents;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Incidents;

public static class IncidentCoreExtensions
{
    public static WebApplicationBuilder AddIncidentCore(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<IncidentOptions>().BindConfiguration(IncidentOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var maxClockSkew = builder.Configuration.GetValue("Alerts:MaxClockSkew", TimeSpan.FromHours(24));
        if (maxClockSkew <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"Alerts:MaxClockSkew must be a positive time span such as 1.00:00:00, not {maxClockSkew}.");
        }

        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<IncidentOptions>>().Value.ToSettings() with { MaxClockSkew = maxClockSkew });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IncidentReader>();
        // The longest constructor: the service commits through the one reader everything else reads from.
        builder.Services.AddSingleton<IncidentService>();
        builder.Services.AddSingleton<CommandHandler>();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
        return builder;
    }
}
