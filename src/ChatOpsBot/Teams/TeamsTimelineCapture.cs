using System.Text.Json;
using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Teams;

/// <summary>
/// Puts Teams messages on an incident's timeline through the "Add to incident timeline" message action, with their
/// original author and time, and follows edits and deletions of captured messages. The domain verbs decide.
/// </summary>
public sealed partial class TeamsTimelineCapture(IncidentService incidents, ILogger<TeamsTimelineCapture> logger)
{
    public const string AddToTimelineCommand = "addToTimeline";

    /// <summary>What to tell the person who used the message action.</summary>
    public async Task<string> CaptureAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (activity.Value is not { ValueKind: JsonValueKind.Object } value
            || !value.TryGetProperty("commandId", out var command) || command.GetString() != AddToTimelineCommand
            || !value.TryGetProperty("messagePayload", out var message) || message.ValueKind != JsonValueKind.Object
            || Str(message, "id") is not { Length: > 0 } messageId)
        {
            return "⚠️ ChatOpsBot does not know that action. It may be from an older version of the app.";
        }

        var room = await TeamsIncidentRooms.ConversationOfAsync(incidents.Reader, activity, cancellationToken);
        var incident = await incidents.Reader.FindByChannelAsync(room, cancellationToken);
        if (incident is null)
        {
            return "⚠️ This is not an incident channel; open the incident's channel to add messages to its timeline.";
        }

        var from = message.TryGetProperty("from", out var f) && f.ValueKind == JsonValueKind.Object && f.TryGetProperty("user", out var u) && u.ValueKind == JsonValueKind.Object
            ? new Actor(Str(u, "id") ?? "unknown", Str(u, "displayName"))
            : new Actor("unknown");
        var text = message.TryGetProperty("body", out var body) && body.ValueKind == JsonValueKind.Object ? AdaptiveCards.PlainText(Str(body, "content")) : "";
        var postedAt = DateTimeOffset.TryParse(Str(message, "createdDateTime"), System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal, out var t) ? t : (DateTimeOffset?)null;
        var link = Str(message, "linkToMessage") is { } l && Uri.TryCreate(l, UriKind.Absolute, out var url) && url.Scheme == "https" ? l : null;

        var result = await incidents.ExecuteAsync(incident.Number,
            i => i.CaptureMessage(messageId, from, text, link),
            new EventContext(TeamsPeople.ActorOf(activity.From!), EventSource.MessageShortcut, postedAt), cancellationToken);
        return result switch
        {
            { Refusal: { } refusal } => $"⚠️ {refusal}",
            { Appended.Count: 0 } => $"That message is already on the {result.Incident.Key} timeline.",
            _ => $"📌 Added to the {result.Incident.Key} timeline.",
        };
    }

    public async Task FollowEditAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (await CapturedInAsync(activity, cancellationToken) is not { } incident)
        {
            return;
        }

        await incidents.ExecuteAsync(incident.Number, i => i.EditCapturedMessage(activity.Id!, AdaptiveCards.PlainText(activity.Text)),
            new EventContext(TeamsPeople.ActorOf(activity.From!), EventSource.ChannelActivity, activity.Timestamp), cancellationToken);
    }

    public async Task FollowDeleteAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (await CapturedInAsync(activity, cancellationToken) is not { } incident)
        {
            return;
        }

        await incidents.ExecuteAsync(incident.Number, i => i.DeleteCapturedMessage(activity.Id!),
            new EventContext(TeamsPeople.ActorOf(activity.From!), EventSource.ChannelActivity, activity.Timestamp), cancellationToken);
    }

    private async Task<Incident?> CapturedInAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (activity.Id is null)
        {
            return null;
        }

        var room = await TeamsIncidentRooms.ConversationOfAsync(incidents.Reader, activity, cancellationToken);
        var incident = await incidents.Reader.FindByChannelAsync(room, cancellationToken);
        if (incident is null || !incident.CapturedMessages.ContainsKey(activity.Id))
        {
            return null;
        }

        LogFollowing(logger, activity.Type ?? "?", incident.Number);
        return incident;
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Following a Teams {ActivityType} of a message captured on INC-{IncidentNumber}")]
    private static partial void LogFollowing(ILogger logger, string activityType, int incidentNumber);
}
