using ChatOpsBot.Core.Reminders;

namespace ChatOpsBot.Core.Tests.Reminders;

public class BusinessDaysTests
{
    [Theory]
    [InlineData("2025-03-10T09:00:00Z", 2, "2025-03-12T09:00:00Z")] // Monday -> Wednesday
    [InlineData("2025-03-14T09:00:00Z", 2, "2025-03-18T09:00:00Z")] // Friday -> Tuesday
    [InlineData("2025-03-15T09:00:00Z", 1, "2025-03-17T09:00:00Z")] // Saturday -> Monday
    [InlineData("2025-03-14T09:00:00Z", 5, "2025-03-21T09:00:00Z")] // a working week
    public void WholeDaysSkipWeekends(string start, int days, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            BusinessDays.Add(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.FromDays(days)));
    }

    [Fact]
    public void LessThanADayIsAddedAsIsSoTestsCanUseSeconds()
    {
        var saturday = new DateTimeOffset(2025, 3, 15, 9, 0, 0, TimeSpan.Zero);

        Assert.Equal(saturday.AddSeconds(3), BusinessDays.Add(saturday, TimeSpan.FromSeconds(3)));
    }
}
