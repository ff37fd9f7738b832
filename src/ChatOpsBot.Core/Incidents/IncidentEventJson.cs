using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatOpsBot.Core.Incidents;

/// <summary>The one JSON shape of events, shared by the stores, the read API and the JSON export.</summary>
public static class IncidentEventJson
{
    public static readonly JsonSerializerOptions Options = Create();

    public static string Serialize(IncidentEvent e) => JsonSerializer.Serialize(e, Options);

    public static IncidentEvent Deserialize(string json) =>
        JsonSerializer.Deserialize<IncidentEvent>(json, Options) ?? throw new JsonException("An event was stored as null.");

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
