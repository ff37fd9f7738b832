using System.Text.Json;
using System.Text.Json.Serialization;
using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Core.Timeline;

/// <summary>
/// The whole timeline as JSON, for tools. Schema "chatopsbot.timeline", version 1 (docs/timeline-export.md):
/// <code>
/// { "schema": "chatopsbot.timeline", "schemaVersion": 1,
///   "incident": { "number": 7, "key": "INC-7", "title": "..." },
///   "events": [ { "type": "Declared", "actor": {...}, "source": "command", "occurredAt": "...", "recordedAt": "...",
///                 "version": 1, "incidentNumber": 7, ...fields of the type } ],
///   "actionItems": [ { "number": 1, "text": "...", "owner": {...}, "due": "...", "state": "open", "doneAt": "..." } ] }
/// </code>
/// Events are exactly as stored (<see cref="IncidentEventJson"/>), every one of them in timeline order, bookkeeping
/// included, so <see cref="Parse"/> gives back the same events. A breaking change bumps schemaVersion;
/// new event types and new optional fields do not.
/// </summary>
public static class JsonTimelineExporter
{
    public const string Schema = "chatopsbot.timeline";
    public const int SchemaVersion = 1;

    private static readonly JsonSerializerOptions Indented = new(IncidentEventJson.Options) { WriteIndented = true };

    public static string Export(Incident incident, IReadOnlyList<IncidentEvent> events) =>
        JsonSerializer.Serialize(new TimelineDocument(Schema, SchemaVersion, new IncidentHeader(incident.Number, incident.Key, incident.Title), events,
            [.. incident.ActionItems.Select(a => new ActionItemEntry(a.Number, a.Text, a.Owner, a.DueAt, a.State, a.DoneAt))]), Indented);

    /// <summary>Reads an export back. Refuses another schema or a newer version rather than guessing.</summary>
    public static IReadOnlyList<IncidentEvent> Parse(string json)
    {
        var document = JsonSerializer.Deserialize<TimelineDocument>(json, IncidentEventJson.Options)
            ?? throw new JsonException("The export is empty.");
        if (document.Schema != Schema)
        {
            throw new JsonException($"This is not a ChatOpsBot timeline export (schema \"{document.Schema}\").");
        }

        if (document.SchemaVersion is < 1 or > SchemaVersion)
        {
            throw new JsonException($"Timeline export schema version {document.SchemaVersion} is not supported; this build reads up to {SchemaVersion}.");
        }

        return document.Events;
    }

    private sealed record TimelineDocument(
        string Schema,
        int SchemaVersion,
        IncidentHeader Incident,
        [property: JsonPropertyName("events")] IReadOnlyList<IncidentEvent> Events,
        IReadOnlyList<ActionItemEntry>? ActionItems = null);

    /// <summary>An action item as it stands at export time; the events say how it got there. Optional on reading.</summary>
    private sealed record ActionItemEntry(int Number, string Text, Actor? Owner, DateTimeOffset? Due, ActionItemState State, DateTimeOffset? DoneAt);

    private sealed record IncidentHeader(int Number, string Key, string Title);
}
