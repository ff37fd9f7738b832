using System.Net.Http.Json;
using System.Text.Json;
using ChatOpsBot.Tests.Support;
using Microsoft.AspNetCore.Builder;
using static ChatOpsBot.Tests.Webhooks.WebhookSettings;

namespace ChatOpsBot.Tests.Webhooks;

/// <summary>
/// The real Alertmanager in front of the bot on Kestrel: alerts posted to Alertmanager's API v2 are grouped,
/// sent after group_wait, repeated every repeat_interval, and resolved; the bot keeps one incident per group.
/// </summary>
public sealed class AlertmanagerEndToEndTests
{
    // Alertmanager runs on the real clock, so the alerts' times must too.
    private static readonly TimeProvider Clock = TimeProvider.System;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task AlertmanagerGroupsBecomeOneIncidentEachWithTheirAlertsFiringAndResolvingOnTheTimeline()
    {
        using var bot = new BotFactory(All(), kestrel: true);
        bot.StartServer();
        var console = new ConsoleApiClient(bot.CreateClient());
        await using var alertmanager = await AlertmanagerProcess.StartAsync(new Uri(bot.ServerAddress, "/webhooks/alertmanager"), Token);
        var startsAt = Clock.GetUtcNow().AddMinutes(-1);

        await PostAlertsAsync(alertmanager, Alert("E2ECheckoutDown", "web-1", startsAt), Alert("E2ESearchDown", "search-1", startsAt));
        var incidents = await Eventually.Get(() => IncidentsAsync(console), l => l.Count == 2, "one incident per alert group", Timeout);
        var checkout = incidents.Single(i => i.GetProperty("title").GetString() == "E2ECheckoutDown is down on web-1").GetProperty("number").GetInt32();

        // Alertmanager re-sends the unchanged group every repeat_interval (2 s): still one incident, one AlertFired.
        var sent = await alertmanager.NotificationsSentAsync();
        await Eventually.Get(alertmanager.NotificationsSentAsync, n => n >= sent + 2, "Alertmanager to repeat the groups", Timeout);
        Assert.Equal(2, (await IncidentsAsync(console)).Count);
        Assert.Single(await EventsAsync(console, checkout, "AlertFired"));

        // A second alert in the group is an event on the same incident.
        await PostAlertsAsync(alertmanager, Alert("E2ECheckoutDown", "web-2", startsAt.AddSeconds(30)));
        await Eventually.Get(() => EventsAsync(console, checkout, "AlertFired"), e => e.Count == 2, "the second alert on the timeline", Timeout);
        Assert.Equal(2, (await IncidentsAsync(console)).Count);

        // Resolving: Alertmanager marks alerts whose endsAt has passed as resolved and sends the group with send_resolved.
        var endsAt = Clock.GetUtcNow().AddSeconds(-1);
        await PostAlertsAsync(alertmanager, Alert("E2ECheckoutDown", "web-1", startsAt, endsAt), Alert("E2ECheckoutDown", "web-2", startsAt.AddSeconds(30), endsAt));
        var resolved = await Eventually.Get(() => EventsAsync(console, checkout, "AlertResolved"), e => e.Count == 2, "both alerts resolved on the timeline", Timeout);
        Assert.Single(resolved, e => e.GetProperty("allResolved").GetBoolean());

        var channel = (await console.IncidentAsync(checkout)).GetProperty("channel").GetProperty("name").GetString()!;
        await Eventually.Get(() => console.MessagesAsync(channel),
            m => m.Any(x => x.Text.Contains("Every alert of this incident has now resolved", StringComparison.Ordinal)), "the suggestion to resolve", Timeout);
        Assert.Equal("investigating", (await console.IncidentAsync(checkout)).GetProperty("status").GetString());
        Assert.Equal(2, (await IncidentsAsync(console)).Count);
        Assert.Equal(startsAt.ToUnixTimeSeconds(), (await EventsAsync(console, checkout, "AlertFired"))[0].GetProperty("occurredAt").GetDateTimeOffset().ToUnixTimeSeconds());
    }

    private static Dictionary<string, object> Alert(string name, string instance, DateTimeOffset startsAt, DateTimeOffset? endsAt = null) => new Dictionary<string, object>
    {
        ["labels"] = new Dictionary<string, string> { ["alertname"] = name, ["instance"] = instance, ["severity"] = "critical", ["service"] = name },
        ["annotations"] = new Dictionary<string, string> { ["summary"] = $"{name} is down on {instance}", ["runbook_url"] = "https://runbooks.example.com/down" },
        ["startsAt"] = startsAt,
        ["endsAt"] = endsAt ?? startsAt.AddHours(1),
        ["generatorURL"] = $"http://prometheus.example.com/graph?g0.expr=up%7Binstance%3D%22{instance}%22%7D",
    };

    private static async Task PostAlertsAsync(AlertmanagerProcess alertmanager, params Dictionary<string, object>[] alerts)
    {
        using var response = await alertmanager.Http.PostAsJsonAsync("api/v2/alerts", alerts);
        Assert.True(response.IsSuccessStatusCode, $"Alertmanager refused the alerts: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<List<JsonElement>> IncidentsAsync(ConsoleApiClient console) =>
        (await console.Http.GetFromJsonAsync<List<JsonElement>>("/api/incidents"))!;

    private static async Task<List<JsonElement>> EventsAsync(ConsoleApiClient console, int number, string type) =>
        (await console.EventsAsync(number)).Where(e => e.GetProperty("type").GetString() == type).ToList();
}
