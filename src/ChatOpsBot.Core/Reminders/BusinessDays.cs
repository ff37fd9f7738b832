namespace ChatOpsBot.Core.Reminders;

/// <summary>"Due in 2 business days": a postmortem resolved on Friday is due on Tuesday, not Sunday.</summary>
public static class BusinessDays
{
    /// <summary>
    /// Adds the whole days of <paramref name="span"/> as business days (Monday to Friday, in UTC: the bot has no
    /// time zone of its own), then the rest as plain time.
    /// </summary>
    public static DateTimeOffset Add(DateTimeOffset start, TimeSpan span)
    {
        var at = start.ToUniversalTime();
        for (var i = 0; i < span.Days; i++)
        {
            do
            {
                at = at.AddDays(1);
            }
            while (at.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday);
        }

        return at + (span - TimeSpan.FromDays(span.Days));
    }
}
