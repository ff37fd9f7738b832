using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Slack;

/// <summary>The two modals: declare an incident, and give a kick-off button the text it needs (severity, update, summary).</summary>
public static class SlackModals
{
    public const string DeclareCallback = "incident_declare";
    public const string CommandCallback = "incident_command";

    public const string TitleBlock = "title_block";
    public const string SeverityBlock = "sev_block";
    public const string DescriptionBlock = "description_block";
    public const string CommanderBlock = "commander_block";
    public const string PrivateBlock = "private_block";
    public const string ArgumentBlock = "argument_block";

    public static JsonObject Declare(string? originChannel, IncidentSettings settings)
    {
        var severities = new JsonArray();
        foreach (var s in Enum.GetValues<Severity>())
        {
            severities.Add(Option(s.Label(), s.Label().ToLowerInvariant()));
        }

        return Modal(DeclareCallback, "Declare incident", "Declare", JsonSerializer.Serialize(new Metadata(originChannel, null), SlackJson.Options),
            Input(TitleBlock, "Title", new JsonObject
            {
                ["type"] = "plain_text_input", ["action_id"] = "title", ["max_length"] = settings.MaxTitleLength,
            }),
            Input(SeverityBlock, "Severity", new JsonObject
            {
                ["type"] = "static_select", ["action_id"] = "severity", ["options"] = severities,
                ["initial_option"] = Option(settings.DefaultSeverity.Label(), settings.DefaultSeverity.Label().ToLowerInvariant()),
            }),
            Input(DescriptionBlock, "What is happening?", new JsonObject
            {
                ["type"] = "plain_text_input", ["action_id"] = "description", ["multiline"] = true, ["max_length"] = IncidentSettings.MaxTextLength,
            }, optional: true),
            Input(CommanderBlock, "Incident commander (you, if empty)", new JsonObject { ["type"] = "users_select", ["action_id"] = "commander" }, optional: true),
            Input(PrivateBlock, "Visibility", new JsonObject
            {
                ["type"] = "checkboxes", ["action_id"] = "private",
                ["options"] = new JsonArray(Option("Private incident (invite-only channel, no announcement)", "private")),
            }, optional: true));
    }

    /// <summary>Asks for the rest of a button's command, e.g. "/incident INC-4 severity " + "sev1".</summary>
    public static JsonObject Command(string label, string command, string channel) =>
        Modal(CommandCallback, BlockKit.Cut(label, 24), "Send", JsonSerializer.Serialize(new Metadata(channel, command), SlackJson.Options),
            Input(ArgumentBlock, label, new JsonObject { ["type"] = "plain_text_input", ["action_id"] = "argument", ["max_length"] = IncidentSettings.MaxTextLength },
                optional: command.EndsWith("resolve ", StringComparison.Ordinal)));

    public static Metadata ReadMetadata(string? json)
    {
        try
        {
            return string.IsNullOrEmpty(json) ? new Metadata(null, null) : JsonSerializer.Deserialize<Metadata>(json, SlackJson.Options) ?? new Metadata(null, null);
        }
        catch (JsonException)
        {
            return new Metadata(null, null);
        }
    }

    public static StateValue? Value(ViewPayload view, string block) =>
        view.State?.Values?.GetValueOrDefault(block)?.Values.FirstOrDefault();

    public sealed record Metadata(string? Channel, string? Command);

    private static JsonObject Modal(string callbackId, string title, string submit, string metadata, params JsonObject[] blocks) => new()
    {
        ["type"] = "modal",
        ["callback_id"] = callbackId,
        ["private_metadata"] = metadata,
        ["title"] = BlockKit.PlainText(title),
        ["submit"] = BlockKit.PlainText(submit),
        ["close"] = BlockKit.PlainText("Cancel"),
        ["blocks"] = new JsonArray([.. blocks]),
    };

    private static JsonObject Input(string blockId, string label, JsonObject element, bool optional = false) => new()
    {
        ["type"] = "input",
        ["block_id"] = blockId,
        ["optional"] = optional,
        ["label"] = BlockKit.PlainText(label),
        ["element"] = element,
    };

    private static JsonObject Option(string text, string value) => new() { ["text"] = BlockKit.PlainText(text), ["value"] = value };
}
