using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ChatOpsBot.Teams;

/// <summary>The Bot Framework activity fields the bot reads and writes (Bot Framework Activity schema). Unknown members are ignored.</summary>
public sealed record Activity
{
    public string? Type { get; init; }

    public string? Id { get; init; }

    public DateTimeOffset? Timestamp { get; init; }

    public string? ServiceUrl { get; init; }

    public string? ChannelId { get; init; }

    public ChannelAccount? From { get; init; }

    public ChannelAccount? Recipient { get; init; }

    public ConversationAccount? Conversation { get; init; }

    public string? Text { get; init; }

    public string? TextFormat { get; init; }

    public string? Summary { get; init; }

    public IReadOnlyList<JsonObject>? Entities { get; init; }

    public IReadOnlyList<Attachment>? Attachments { get; init; }

    /// <summary>Action.Submit's merged inputs and data, or an invoke's payload.</summary>
    public JsonElement? Value { get; init; }

    public string? Name { get; init; }

    public string? ReplyToId { get; init; }

    public TeamsChannelData? ChannelData { get; init; }
}

public sealed record ChannelAccount(string? Id, string? Name = null)
{
    public string? AadObjectId { get; init; }
}

public sealed record ConversationAccount(string? Id)
{
    public string? ConversationType { get; init; }

    public bool? IsGroup { get; init; }

    public string? TenantId { get; init; }

    public string? Name { get; init; }
}

public sealed record Attachment(string ContentType, JsonNode? Content);

public sealed record TeamsChannelData
{
    public TenantInfo? Tenant { get; init; }

    public TeamInfo? Team { get; init; }

    public TeamInfo? Channel { get; init; }

    public string? EventType { get; init; }
}

public sealed record TenantInfo(string? Id);

public sealed record TeamInfo(string? Id, string? Name = null);

public static class TeamsJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public const string AdaptiveCard = "application/vnd.microsoft.card.adaptive";
}
