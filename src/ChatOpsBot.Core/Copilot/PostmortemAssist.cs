using System.Text.Json;

namespace ChatOpsBot.Core.Copilot;

/// <summary>
/// What the model proposed for a postmortem draft: a summary, an impact paragraph, and a neutral rewrite for each
/// flagged sentence (in the review's order; an empty string where it proposed none).
/// </summary>
public sealed record PostmortemAssist(string? Summary, string? Impact, IReadOnlyList<string> Rewrites)
{
    /// <summary>The model's JSON answer, tolerating a Markdown code fence around it; null when it is not the shape asked for.</summary>
    public static PostmortemAssist? Parse(string answer)
    {
        var text = answer.Trim();
        if (text.StartsWith("```", StringComparison.Ordinal))
        {
            var firstLine = text.IndexOf('\n');
            var lastFence = text.LastIndexOf("```", StringComparison.Ordinal);
            text = firstLine > 0 && lastFence > firstLine ? text[(firstLine + 1)..lastFence] : text;
        }

        try
        {
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var rewrites = root.TryGetProperty("rewrites", out var r) && r.ValueKind == JsonValueKind.Array
                ? r.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.String ? x.GetString()!.Trim() : "").ToList()
                : [];
            var assist = new PostmortemAssist(Text(root, "summary"), Text(root, "impact"), rewrites);
            return assist.Summary is null && assist.Impact is null && rewrites.Count == 0 ? null : assist;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The rewrite proposed for the flagged sentence at <paramref name="index"/>, if any.</summary>
    public string? RewriteFor(int index) => index < Rewrites.Count && Rewrites[index].Length > 0 ? Rewrites[index] : null;

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Trim() is { Length: > 0 } s ? s : null;
}
