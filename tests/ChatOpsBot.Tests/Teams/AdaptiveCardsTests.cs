using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Messages;
using ChatOpsBot.Teams;

namespace ChatOpsBot.Tests.Teams;

/// <summary>The neutral message as Adaptive Card 1.5: mentions as &lt;at&gt; + entities, user text inert, big texts split.</summary>
public sealed class AdaptiveCardsTests
{
    private static readonly Actor Dana = new("29:1dana-Q_w", "Dana Lee");

    [Fact]
    public void AMessageBecomesOneAdaptiveCard15WithTitleTextFactsAndActions()
    {
        var message = new ChatMessage("INC-4 declared: Checkout latency")
        {
            Title = "INC-4 · SEV2",
            Fields = [new("Severity", "SEV2")],
            Links = [new("Runbook", "https://runbooks.example.com/checkout"), new("Bad", "javascript:alert(1)")],
            Actions = [new("take-commander", "Take commander", "/incident INC-4 commander {me}")],
        };

        var activity = Assert.Single(AdaptiveCards.Render(message));

        var card = activity["attachments"]![0]!["content"]!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", activity["attachments"]![0]!["contentType"]!.GetValue<string>());
        Assert.Equal("1.5", card["version"]!.GetValue<string>());
        Assert.Equal("INC-4 · SEV2", card["body"]![0]!["text"]!.GetValue<string>());
        Assert.Equal("SEV2", card["body"]![2]!["facts"]![0]!["value"]!.GetValue<string>());
        var actions = card["actions"]!.AsArray();
        Assert.Equal(["Action.OpenUrl", "Action.Execute"], actions.Select(a => a!["type"]!.GetValue<string>()));
        Assert.Equal("/incident INC-4 commander {me}", actions[1]!["data"]!["command"]!.GetValue<string>());
        Assert.Equal("Action.Submit", actions[1]!["fallback"]!["type"]!.GetValue<string>());
        Assert.Equal("incident.command", actions[1]!["fallback"]!["data"]!["verb"]!.GetValue<string>());
    }

    [Fact]
    public void ACommandNeedingWordsOpensAnInlineFormWhoseButtonSendsThem()
    {
        var message = new ChatMessage("x") { Actions = [new("post-update", "Post update", "/incident INC-4 update ")] };

        var card = AdaptiveCards.Render(message)[0]["attachments"]![0]!["content"]!;

        var show = card["actions"]![0]!;
        Assert.Equal("Action.ShowCard", show["type"]!.GetValue<string>());
        Assert.Equal("argument", show["card"]!["body"]![0]!["id"]!.GetValue<string>());
        Assert.Equal("/incident INC-4 update ", show["card"]!["actions"]![0]!["data"]!["command"]!.GetValue<string>());
    }

    [Fact]
    public void AMentionTokenOfATeamsUserBecomesAtAndAnEntity()
    {
        var activity = AdaptiveCards.Render(new ChatMessage($"⏰ {ChatText.Mention(Dana)}, a status update on INC-4 is due."))[0];

        var card = activity["attachments"]![0]!["content"]!;
        Assert.Equal("⏰ <at>Dana Lee</at>, a status update on INC-4 is due.", card["body"]![0]!["text"]!.GetValue<string>());
        var entity = Assert.Single(card["msteams"]!["entities"]!.AsArray())!;
        Assert.Equal("mention", entity["type"]!.GetValue<string>());
        Assert.Equal("<at>Dana Lee</at>", entity["text"]!.GetValue<string>());
        Assert.Equal(Dana.Id, entity["mentioned"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public void TeamsMentionsBuildsTheAtTextAndEntityFromAnActorIdAndName()
    {
        var mention = TeamsMentions.Create("29:1abc", "Sam *Ops*");

        Assert.Equal("<at>Sam \\*Ops\\*</at>", mention.Text);
        Assert.Equal(mention.Text, mention.Entity["text"]!.GetValue<string>());
        Assert.Equal("29:1abc", mention.Entity["mentioned"]!["id"]!.GetValue<string>());
        Assert.Equal("Sam *Ops*", mention.Entity["mentioned"]!["name"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("**bold** _it_ [link](https://evil.example)", "\\*\\*bold\\*\\* \\_it\\_ \\[link\\](https://evil.example)")]
    [InlineData("# Heading\n- item\n1. first", "\\# Heading\n\\- item\n1\\. first")]
    [InlineData("`code` ~strike~", "\\`code\\` \\~strike\\~")]
    public void UserTextIsInertMarkdown(string text, string expected) =>
        Assert.Equal(expected, TeamsText.Inert(text));

    [Fact]
    public void AnAtTagSomeoneTypedNeverBecomesAMention()
    {
        var activity = AdaptiveCards.Render(new ChatMessage($"📣 Status update from {ChatText.Mention(Dana)}: {ChatText.Inert("ping <at>Dana Lee</at> now")}"))[0];

        var card = activity["attachments"]![0]!["content"]!;
        var text = card["body"]![0]!["text"]!.GetValue<string>();
        Assert.Equal(1, CountOf(text, "<at>Dana Lee</at>"));
        Assert.StartsWith("📣 Status update from <at>Dana Lee</at>:", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<at>", activity["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void AParticipantsNameTypedWithAnAtSignIsOnlyText()
    {
        // Before mention tokens, "@Name" of a participant anywhere in the text became a ping; now only a token does.
        var activity = AdaptiveCards.Render(new ChatMessage($"📣 Status update: {ChatText.Inert("waiting for @Dana Lee to confirm")}")
        {
            Fields = [new("Update", ChatText.Inert("@Dana Lee rolled back"))],
        })[0];

        var card = activity["attachments"]![0]!["content"]!;
        Assert.Equal("📣 Status update: waiting for @Dana Lee to confirm", card["body"]![0]!["text"]!.GetValue<string>());
        Assert.Equal("@Dana Lee rolled back", card["body"]![1]!["facts"]![0]!["value"]!.GetValue<string>());
        Assert.Empty(card["msteams"]!["entities"]!.AsArray());
        Assert.Empty(activity["entities"]!.AsArray());
    }

    [Fact]
    public void ANameOnlyActorIsItsNameHereIsTheWordsAndCodeIsInlineCode()
    {
        var text = $"{ChatText.Mention(new Actor("alertmanager"))} fired; {ChatText.Here} type {ChatText.Code("@ChatOpsBot incident help")} for *help*";

        var card = AdaptiveCards.Render(new ChatMessage(text))[0]["attachments"]![0]!["content"]!;

        Assert.Equal("@alertmanager fired; @here type `@ChatOpsBot incident help` for \\*help\\*", card["body"]![0]!["text"]!.GetValue<string>());
        Assert.Empty(card["msteams"]!["entities"]!.AsArray());
    }

    [Fact]
    public void MentionsInTheTitleFactsAndContextCarryTheirEntitiesOnce()
    {
        var card = AdaptiveCards.Render(new ChatMessage("INC-4") { Title = $"IC {ChatText.Mention(Dana)}", Fields = [new("Commander", ChatText.Mention(Dana))], Context = ChatText.Mention(Dana) })[0]["attachments"]![0]!["content"]!;

        Assert.Equal("IC <at>Dana Lee</at>", card["body"]![0]!["text"]!.GetValue<string>());
        Assert.Equal("<at>Dana Lee</at>", card["body"]![2]!["facts"]![0]!["value"]!.GetValue<string>());
        Assert.Equal("<at>Dana Lee</at>", card["body"]![3]!["text"]!.GetValue<string>());
        Assert.Equal(Dana.Id, Assert.Single(card["msteams"]!["entities"]!.AsArray())!["mentioned"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public void ALongTextIsSplitOverActivitiesEachUnder100Kb()
    {
        var line = "Timeline line with ünïcödé and * stars that get escaped\n";
        var text = string.Concat(Enumerable.Repeat(line, 4000)); // ~230 KB as text

        var activities = AdaptiveCards.Render(new ChatMessage(text) { Title = "Export", Actions = [new("resolve", "Resolve", "/incident resolve")] });

        Assert.True(activities.Count > 2);
        Assert.All(activities, a => Assert.True(Encoding.UTF8.GetByteCount(a.ToJsonString()) < 80 * 1024, $"{Encoding.UTF8.GetByteCount(a.ToJsonString())} bytes"));
        var all = string.Concat(activities.Select(a => a["attachments"]![0]!["content"]!["body"]!.AsArray().Last()!["text"]!.GetValue<string>()));
        Assert.Equal(TeamsText.Inert(text).Replace("\n", "", StringComparison.Ordinal), all.Replace("\n", "", StringComparison.Ordinal));
        Assert.Null(activities[0]["attachments"]![0]!["content"]!["actions"]);
        Assert.NotNull(activities[^1]["attachments"]![0]!["content"]!["actions"]);
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
