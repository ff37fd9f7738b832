using System.Text.RegularExpressions;
using ChatOpsBot.Core.Messages;

namespace ChatOpsBot.Core.Tests.Messages;

public partial class ChannelNamesTests
{
    [Fact]
    public void AnIncidentChannelIsNamedForItsNumberAndTitle()
    {
        Assert.Equal("inc-7-checkout-returns-500s", ChannelNames.ForIncident(7, "Checkout returns 500s"));
    }

    [Fact]
    public void PunctuationAndSpacesCollapseIntoOneDash()
    {
        Assert.Equal("inc-3-db-primary-down-eu-west_1", ChannelNames.ForIncident(3, "  DB primary -- DOWN!!! (eu-west_1)  "));
    }

    [Fact]
    public void AccentsAreStripped()
    {
        Assert.Equal("inc-4-cafe-paiement-echoue-uber", ChannelNames.ForIncident(4, "Café: paiement échoué, Über"));
    }

    [Fact]
    public void ATitleWithNothingUsableGivesJustTheNumber()
    {
        Assert.Equal("inc-5", ChannelNames.ForIncident(5, "🔥🔥 !!! 🔥"));
    }

    [Theory]
    [InlineData(1, "x")]
    [InlineData(123456789, "Payments API latency above SLO in every region after the Tuesday deploy of the ledger service")]
    [InlineData(42, "ÀÉÎÕÜ çñ ß ø — 支付失败 — Ünïcödé tîtlé wîth lóts öf áccénts that keeps going and going and going")]
    public void NamesKeepToSlacksRules(int number, string title)
    {
        var name = ChannelNames.ForIncident(number, title);

        Assert.Matches(SlackChannelName(), name);
        Assert.StartsWith($"inc-{number}", name);
    }

    [Fact]
    public void ALongTitleIsCutTo80CharactersWithoutATrailingDash()
    {
        var name = ChannelNames.ForIncident(12, string.Join(' ', Enumerable.Repeat("abcd", 40)));

        Assert.True(name.Length <= ChannelNames.MaxLength, name);
        Assert.False(name.EndsWith('-'), name);
        Assert.StartsWith("inc-12-abcd-abcd", name);
    }

    [Fact]
    public void ASuffixIsAppendedToAShortName()
    {
        Assert.Equal("inc-7-checkout-2", ChannelNames.WithSuffix("inc-7-checkout", 2));
    }

    [Fact]
    public void ASuffixOnAFullLengthNameStillFits()
    {
        var name = ChannelNames.ForIncident(12, string.Join(' ', Enumerable.Repeat("abcd", 40)));

        var suffixed = ChannelNames.WithSuffix(name, 13);

        Assert.True(suffixed.Length <= ChannelNames.MaxLength, suffixed);
        Assert.EndsWith("-13", suffixed);
        Assert.DoesNotContain("--", suffixed);
        Assert.Matches(SlackChannelName(), suffixed);
    }

    [GeneratedRegex("^[a-z0-9_-]{1,80}$")]
    private static partial Regex SlackChannelName();
}
