using System.Globalization;
using System.Text;
using System.Text.Json;
using ChatOpsBot.Core.Changes;

namespace ChatOpsBot.Webhooks.Deployments;

/// <summary>
/// The generic deploy body any CI can post with curl:
/// <c>{service, environment, version, status, startedAt, finishedAt, commitSha, commitAt, url, author}</c>, plus an
/// optional <c>id</c>. Unknown fields are refused, not ignored: a misspelt "finishedat" would otherwise silently
/// turn into "finished now".
/// </summary>
public static class GenericDeployPayload
{
    private static readonly HashSet<string> TextFields = new(StringComparer.Ordinal)
    {
        "id", "service", "environment", "version", "status", "commitSha", "url", "author",
    };

    private static readonly HashSet<string> TimeFields = new(StringComparer.Ordinal) { "startedAt", "finishedAt", "commitAt" };

    public static (DeployReport? Report, string? Error) Parse(ReadOnlySpan<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray());
        }
        catch (JsonException)
        {
            return (null, "The body is not JSON.");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, "The body must be one JSON object.");
            }

            var text = new Dictionary<string, string?>(StringComparer.Ordinal);
            var times = new Dictionary<string, DateTimeOffset?>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.Null)
                {
                    if (!TextFields.Contains(property.Name) && !TimeFields.Contains(property.Name))
                    {
                        return (null, UnknownField(property.Name));
                    }

                    continue;
                }

                if (TextFields.Contains(property.Name))
                {
                    if (property.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Number))
                    {
                        return (null, $"{property.Name} must be a string.");
                    }

                    text[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText();
                }
                else if (TimeFields.Contains(property.Name))
                {
                    if (property.Value.ValueKind != JsonValueKind.String
                        || !DateTimeOffset.TryParse(property.Value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
                    {
                        return (null, $"{property.Name} must be an ISO 8601 time, e.g. 2025-11-26T09:30:00Z.");
                    }

                    times[property.Name] = time;
                }
                else
                {
                    return (null, UnknownField(property.Name));
                }
            }

            var service = text.GetValueOrDefault("service");
            var environment = text.GetValueOrDefault("environment");
            var version = text.GetValueOrDefault("version");
            var finishedAt = times.GetValueOrDefault("finishedAt");
            // Without an id, a deploy is what was deployed where and when: a CI retry of the same step sends the same.
            var identity = text.GetValueOrDefault("id") is { Length: > 0 } id
                ? $"id|{id}"
                : $"{service}|{environment}|{version}|{finishedAt?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)}|{text.GetValueOrDefault("commitSha")}";
            return (new DeployReport(
                "generic:" + identity.Trim(), service, environment, version, text.GetValueOrDefault("status"),
                times.GetValueOrDefault("startedAt"), finishedAt, text.GetValueOrDefault("commitSha"), times.GetValueOrDefault("commitAt"),
                text.GetValueOrDefault("url"), text.GetValueOrDefault("author")), null);
        }
    }

    private static string UnknownField(string name) =>
        new StringBuilder($"Unknown field \"{(name.Length > 40 ? name[..40] + "…" : name)}\"; the fields are id, ")
            .Append("service, environment, version, status, startedAt, finishedAt, commitSha, commitAt, url, author.").ToString();
}
