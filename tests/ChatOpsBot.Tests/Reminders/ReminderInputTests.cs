using ChatOpsBot.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Quartz;
using static ChatOpsBot.Tests.Reminders.ReminderTimeline;
using ChatOpsBot.Reminders;

namespace ChatOpsBot.Tests.Reminders;

/// <summary>Bad durations and bad settings, through the real host on its embedded SQLite store.</summary>
public sealed class ReminderInputTests
{
    [Theory]
    [InlineData("abc", "\"abc\" is not a duration")]
    [InlineData("-5m", "\"-5m\" is negative")]
    [InlineData("25h", "\"25h\" is more than 24 hours")]
    public async Task ABadUpdateNextGetsAClearReplyAndNothingIsAppendedOrScheduled(string duration, string expected)
    {
        // SEV4 has no cadence, so any trigger for the incident could only have come from the bad command.
        using var bot = new BotFactory();
        var console = new ConsoleApiClient(bot.CreateClient());
        await console.SayExpectingOneReplyAsync("alice", "general", "/incident declare sev4 Slow search");
        var before = await Eventually.Get(() => console.EventsAsync(1), e => e.Any(x => Type(x) == "KickoffPosted"), "the channel");

        var reply = await console.SayExpectingOneReplyAsync("alice", "general", $"/incident INC-1 update next {duration} Still slow");

        Assert.Contains(expected, reply, StringComparison.Ordinal);
        Assert.Contains("/incident update [next <duration>] <text>", reply, StringComparison.Ordinal);
        Assert.DoesNotContain(await console.EventsAsync(1), e => Type(e) == "StatusUpdatePosted");
        var scheduler = await bot.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        Assert.Null(await scheduler.GetTrigger(new TriggerKey("INC-1", ReminderPlanner.JobGroup)));
        Assert.Equal(ResponderSteps(before), ResponderSteps(await console.EventsAsync(1)));
    }

    [Fact]
    public async Task ADueUpdateIsScheduledInQuartzForItsTime()
    {
        using var bot = new BotFactory(new Dictionary<string, string?> { ["Reminders:StatusUpdate:Sev4"] = "01:00:00" });
        var console = new ConsoleApiClient(bot.CreateClient());
        await console.SayExpectingOneReplyAsync("alice", "general", "/incident declare sev4 Slow search");
        var declaredAt = OccurredAt((await console.EventsAsync(1))[0]);
        var scheduler = await bot.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

        var trigger = await Eventually.Get(() => scheduler.GetTrigger(new TriggerKey("INC-1", ReminderPlanner.JobGroup)).AsTask(), t => t is not null, "the trigger");

        Assert.Equal(declaredAt + TimeSpan.FromHours(1), trigger!.StartTimeUtc);
    }

    [Theory]
    [InlineData("Reminders:StatusUpdate:Sev1", "abc")]
    [InlineData("Reminders:StatusUpdate:Sev2", "-00:05:00")]
    [InlineData("Reminders:MissingCommanderAfter", "five minutes")]
    [InlineData("Reminders:PostmortemDue:Sev3", "00:00:00")]
    [InlineData("Reminders:SweepInterval", "")]
    public async Task ABadSettingStopsTheHostNamingTheKey(string key, string value)
    {
        // Built without starting: a WebApplicationFactory whose host failed to start cannot be disposed cleanly.
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [key] = value });
        builder.AddReminders();
        await using var app = builder.Build();

        // Not a TimeSpan at all: the binder refuses it; a TimeSpan out of range: the validator does. Both name the key.
        var error = Assert.ThrowsAny<Exception>(() => app.Services.GetRequiredService<IOptions<ReminderOptions>>().Value);
        Assert.True(error is OptionsValidationException or InvalidOperationException, error.ToString());
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEmptyIntervalTurnsThatReminderOff()
    {
        using var bot = new BotFactory(new Dictionary<string, string?> { ["Reminders:StatusUpdate:Sev1"] = "", ["Reminders:MissingScribeAfter"] = "" });

        var settings = bot.Services.GetRequiredService<Core.Reminders.ReminderSettings>();

        Assert.Null(settings.StatusUpdateInterval(Core.Incidents.Severity.Sev1));
        Assert.Equal(TimeSpan.FromMinutes(30), settings.StatusUpdateInterval(Core.Incidents.Severity.Sev2));
        Assert.Null(settings.MissingScribeAfter);
    }
}
