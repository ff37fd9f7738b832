using ChatOpsBot.Core.Commands;

namespace ChatOpsBot.Core.Tests.Commands;

public class DurationTextTests
{
    [Theory]
    [InlineData("45s", 45)]
    [InlineData("10m", 600)]
    [InlineData("10min", 600)]
    [InlineData("2h", 7200)]
    [InlineData("1h30m", 5400)]
    [InlineData("1d", 86400)]
    public void ReadsDurationsAsPeopleTypeThem(string text, int seconds)
    {
        Assert.True(DurationText.TryParse(text, out var duration, out var error), error);
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("10")]
    [InlineData("30m1h")]
    [InlineData("99999999h")]
    public void RefusesWhatIsNotADuration(string text)
    {
        Assert.False(DurationText.TryParse(text, out _, out var error));
        Assert.NotNull(error);
    }

    [Theory]
    [InlineData(12, "12 s")]
    [InlineData(15 * 60, "15 min")]
    [InlineData(3600 + 5 * 60, "1 h 5 min")]
    [InlineData(2 * 86400 + 3 * 3600, "2 d 3 h")]
    public void FormatsShortly(int seconds, string expected)
    {
        Assert.Equal(expected, DurationText.Format(TimeSpan.FromSeconds(seconds)));
    }
}
