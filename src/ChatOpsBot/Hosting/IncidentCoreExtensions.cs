using System.Text.Json;
using System.Text.Json.Serialization;
using ChatOpsBot.Core.Commands;
using ChatOpsBot.Core.Incidents;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Hosting;

public static class IncidentCoreExtensions
{
    public static WebApplicationBuilder AddIncidentCore(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<IncidentOptions>().BindConfiguration(IncidentOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<IncidentOptions>>().Value.ToSettings());
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IncidentService>();
        builder.Services.AddSingleton<CommandHandler>();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
        return builder;
    }
}
