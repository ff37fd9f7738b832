using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatOpsBot.Slack;

/// <summary>Slack's JSON is snake_case; one set of options for the Web API, events and interaction payloads.</summary>
public static class SlackJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

/// <summary>Slack message timestamps ("1767225590.000100") are Unix seconds and the message's id in its channel.</summary>
public static class SlackTs
{
    // The last second DateTimeOffset can hold: a larger ts (a forged or corrupt payload) is no time at all.
    private const decimal MaxSeconds = 253_402_300_799m;

    public static DateTimeOffset? ToTime(string? ts) =>
        decimal.TryParse(ts, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and < MaxSeconds
            ? DateTimeOffset.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond))
            : null;
}

// Events API (https://api.slack.com/apis/events-api). Only the fields the bot reads.

public sealed record SlackEventEnvelope(string? Type, string? Challenge, string? EventId, SlackEvent? Event,
    IReadOnlyList<SlackAuthorization>? Authorizations);

public sealed record SlackAuthorization(string? UserId, bool IsBot);

public sealed record SlackEvent(string? Type, string? Subtype, string? User, string? Channel, string? ChannelId, string? Reaction,
    SlackEventItem? Item, SlackMessage? Message, string? DeletedTs, string? EventTs, string? BotId);

public sealed record SlackEventItem(string? Type, string? Channel, string? Ts, SlackMessage? Message);

// Interactivity (https://api.slack.com/interactivity/handling).

public sealed record InteractionPayload(string? Type, string? CallbackId, string? TriggerId, SlackIdName? User, SlackIdName? Channel,
    IReadOnlyList<BlockAction>? Actions, SlackMessage? Message, ViewPayload? View, string? ResponseUrl);

public sealed record SlackIdName(string Id, string? Name, string? Username);

public sealed record BlockAction(string? ActionId, string? Value);

public sealed record ViewPayload(string? CallbackId, string? PrivateMetadata, ViewState? State);

public sealed record ViewState(Dictionary<string, Dictionary<string, StateValue>>? Values);

public sealed record StateValue(string? Type, string? Value, SelectedOption? SelectedOption, string? SelectedUser,
    IReadOnlyList<SelectedOption>? SelectedOptions);

public sealed record SelectedOption(string? Value);
