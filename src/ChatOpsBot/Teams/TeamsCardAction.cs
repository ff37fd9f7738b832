using System.Text.Json;

namespace ChatOpsBot.Teams;

/// <summary>
/// What a card button sent, from an Action.Execute invoke (value.action.verb + data, inputs merged into data) or from
/// its Action.Submit fallback (the inputs and data merged into the message's value, the verb among them).
/// </summary>
public sealed record TeamsCardAction(string Verb, IReadOnlyDictionary<string, string> Data)
{
    public string? this[string key] => Data.TryGetValue(key, out var v) && v.Length > 0 ? v : null;

    public static TeamsCardAction? FromInvoke(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.Object } v && v.TryGetProperty("action", out var action) && action.ValueKind == JsonValueKind.Object
        && action.TryGetProperty("verb", out var verb) && verb.ValueKind == JsonValueKind.String
            ? new TeamsCardAction(verb.GetString()!, Strings(action.TryGetProperty("data", out var data) ? data : default))
            : null;

    public static TeamsCardAction? FromSubmit(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.Object } v && v.TryGetProperty("verb", out var verb) && verb.ValueKind == JsonValueKind.String
            ? new TeamsCardAction(verb.GetString()!, Strings(v))
            : null;

    private static Dictionary<string, string> Strings(JsonElement data)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (data.ValueKind != JsonValueKind.Object)
        {
            return values;
        }

        foreach (var p in data.EnumerateObject())
        {
            if (p.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
            {
                values[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
            }
        }

        return values;
    }
}
