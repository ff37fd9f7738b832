using System.Text.Json;

namespace ChatOpsBot.Core.Changes;

/// <summary>The one stored JSON shape of a change: the event options (camelCase, enums as strings), shared by both stores.</summary>
public static class ChangeJson
{
    public static string Serialize(Change change) => JsonSerializer.Serialize(change, Incidents.IncidentEventJson.Options);

    public static Change Deserialize(string json) =>
        JsonSerializer.Deserialize<Change>(json, Incidents.IncidentEventJson.Options) ?? throw new JsonException("A change was stored as null.");
}
