using System.Text.Json.Nodes;
using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Teams;

/// <summary>The bot's own forms: the declare card shown for a bare "declare".</summary>
public static class TeamsCards
{
    public static JsonObject DeclareForm(IncidentSettings settings) => new()
    {
        ["$schema"] = AdaptiveCards.Schema,
        ["type"] = "AdaptiveCard",
        ["version"] = "1.5",
        ["body"] = new JsonArray(
            AdaptiveCards.TextBlock("Declare incident", weight: "Bolder", size: "Medium"),
            new JsonObject
            {
                ["type"] = "Input.Text", ["id"] = "title", ["label"] = "Title", ["isRequired"] = true,
                ["errorMessage"] = "Title is required", ["maxLength"] = settings.MaxTitleLength,
            },
            new JsonObject
            {
                ["type"] = "Input.ChoiceSet", ["id"] = "severity", ["label"] = "Severity", ["style"] = "compact", ["value"] = "sev2",
                ["choices"] = new JsonArray(
                    Choice("SEV1 – critical", "sev1"), Choice("SEV2 – major", "sev2"), Choice("SEV3 – minor", "sev3"), Choice("SEV4 – low", "sev4")),
            },
            new JsonObject { ["type"] = "Input.Text", ["id"] = "summary", ["label"] = "What is happening?", ["isMultiline"] = true, ["maxLength"] = 3000 },
            new JsonObject { ["type"] = "Input.Toggle", ["id"] = "private", ["title"] = "Private incident (a group chat, never announced)", ["valueOn"] = "true", ["valueOff"] = "false" }),
        ["actions"] = new JsonArray(AdaptiveCards.Execute("Declare", AdaptiveCards.DeclareVerb, new JsonObject(), primary: true)),
    };

    private static JsonObject Choice(string title, string value) => new() { ["title"] = title, ["value"] = value };
}
