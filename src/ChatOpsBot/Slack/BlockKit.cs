using System.Text.Json.Nodes;
using ChatOpsBot.Core.Messages;

namespace ChatOpsBot.Slack;

/// <summary>
/// Renders the neutral <see cref="ChatMessage"/> as Block Kit, within Slack's limits (https://api.slack.com/reference/block-kit/blocks). Every text
/// goes through <see cref="SlackText"/>: the bot's mention tokens notify, everything else is inert.
/// </summary>
public static class BlockKit
{
    /// <summary>Every kick-off button carries this action_id prefix; the rest is the neutral action id.</summary>
    public const string CommandActionPrefix = "incident_cmd:";

    public static JsonArray Render(ChatMessage message)
    {
        var blocks = new JsonArray();
        if (message.Title is { } title)
        {
            blocks.Add(new JsonObject { ["type"] = "header", ["text"] = PlainText(Cut(SlackText.Plain(title), 150)) });
        }

        blocks.Add(new JsonObject { ["type"] = "section", ["text"] = Markdown(SlackText.Cut(SlackText.Mrkdwn(message.Text), 3000)) });
        if (message.Fields.Count > 0)
        {
            var fields = new JsonArray();
            foreach (var f in message.Fields.Take(10))
            {
                fields.Add(Markdown(SlackText.Cut($"*{SlackText.Escape(f.Label)}*\n{SlackText.Mrkdwn(f.Value)}", 2000)));
            }

            blocks.Add(new JsonObject { ["type"] = "section", ["fields"] = fields });
        }

        var links = message.Links.Select(SlackText.Link).OfType<string>().ToList();
        if (links.Count > 0)
        {
            blocks.Add(new JsonObject { ["type"] = "section", ["block_id"] = "incident_links", ["text"] = Markdown(SlackText.Cut("🔗 " + string.Join(" · ", links), 3000)) });
        }

        if (message.Actions.Count > 0)
        {
            var buttons = new JsonArray();
            foreach (var a in message.Actions.Take(25))
            {
                var button = new JsonObject
                {
                    ["type"] = "button",
                    ["action_id"] = CommandActionPrefix + a.Id,
                    ["text"] = PlainText(Cut(a.Label, 75)),
                    ["value"] = Cut(a.Command, 2000),
                };
                if (a.IsPrimary)
                {
                    button["style"] = "primary";
                }

                buttons.Add(button);
            }

            blocks.Add(new JsonObject { ["type"] = "actions", ["block_id"] = "incident_actions", ["elements"] = buttons });
        }

        if (message.Context is { } context)
        {
            blocks.Add(new JsonObject { ["type"] = "context", ["elements"] = new JsonArray(Markdown(SlackText.Cut(SlackText.Mrkdwn(context), 3000))) });
        }

        return blocks;
    }

    /// <summary>The notification text (mentions in it notify), within chat.update's 4,000 characters.</summary>
    public static string FallbackText(ChatMessage message) => SlackText.Cut(SlackText.Mrkdwn(message.Text), 4000);

    public static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text, ["emoji"] = true };

    public static JsonObject Markdown(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };

    public static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
