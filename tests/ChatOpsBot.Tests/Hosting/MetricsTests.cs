using System.Globalization;
using System.Text.RegularExpressions;
using ChatOpsBot.Testing;
using ChatOpsBot.Tests.Support;

namespace ChatOpsBot.Tests.Hosting;

/// <summary>
/// /metrics as Prometheus scrapes it, from a host process of its own so that no other test's meters are counted.
/// </summary>
public sealed partial class MetricsTests : IAsyncLifetime
{
    private HostProcess _host = null!;

    public async Task InitializeAsync() => _host = await BotProcess.StartAsync(new Dictionary<string, string>
    {
        ["Reconciler:SweepInterval"] = "00:00:01",
        ["Reminders:StatusUpdate:Sev2"] = "00:00:01",
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task IncidentCommandAndChatMetricsMoveWithWhatRespondersDo()
    {
        var console = new ConsoleApiClient(_host.Http);
        Assert.Null(Value(await ScrapeAsync(), "chatopsbot_incidents_declared_total", ("severity", "SEV2")));

        await console.SayExpectingOneReplyAsync("alice", "general", "/incident declare sev2 Checkout failing");
        await console.SayExpectingOneReplyAsync("alice", "general", "/incident frobnicate");
        await Eventually.Get(() => console.EventsAsync(1), e => e.Any(x => x.GetProperty("type").GetString() == "KickoffPosted"), "the kick-off");
        var open = await Eventually.Get(ScrapeAsync, m => Value(m, "chatopsbot_reminders_sent_total", ("kind", "StatusUpdate")) >= 1,
            "a status-update reminder for the SEV2 incident, due a second after declaration");
        Assert.Equal(1, Value(open, "chatopsbot_status_updates_overdue", ("severity", "SEV2")));
        await console.SayExpectingOneReplyAsync("alice", "general", "/incident INC-1 status monitoring");
        await console.SayExpectingOneReplyAsync("alice", "general", "/incident INC-1 resolve Rolled back");
        var after = await ScrapeAsync();

        Assert.Equal(1, Value(open, "chatopsbot_incidents_open", ("severity", "SEV2")));
        Assert.Equal(0, Value(after, "chatopsbot_incidents_open", ("severity", "SEV2")));
        Assert.Equal(0, Value(after, "chatopsbot_status_updates_overdue", ("severity", "SEV2")));
        Assert.Equal(1, Value(after, "chatopsbot_incidents_declared_total", ("severity", "SEV2"), ("source", "command")));
        Assert.Equal(1, Value(after, "chatopsbot_incident_time_to_acknowledge_seconds_count", ("severity", "SEV2")));
        Assert.Equal(1, Value(after, "chatopsbot_incident_time_to_mitigate_seconds_count", ("severity", "SEV2")));
        Assert.Equal(1, Value(after, "chatopsbot_incident_time_to_resolve_seconds_count", ("severity", "SEV2")));
        Assert.Equal(1, Value(after, "chatopsbot_commands_total", ("platform", "console"), ("subcommand", "declare"), ("outcome", "ok")));
        Assert.Equal(1, Value(after, "chatopsbot_commands_total", ("platform", "console"), ("subcommand", "invalid"), ("outcome", "refused")));
        Assert.Equal(1, Value(after, "chatopsbot_chat_calls_total", ("platform", "console"), ("method", "OpenChannel"), ("result", "ok")));
        Assert.True(Value(after, "chatopsbot_command_duration_seconds_count", ("platform", "console"), ("subcommand", "resolve")) >= 1);
    }

    private async Task<string> ScrapeAsync()
    {
        using var response = await _host.Http.GetAsync("/metrics");
        response.EnsureSuccessStatusCode();
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType ?? "", StringComparison.Ordinal);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The value of the one sample of <paramref name="name"/> carrying all the given labels; null if none.</summary>
    private static double? Value(string exposition, string name, params (string Label, string Value)[] labels)
    {
        foreach (Match m in Sample().Matches(exposition))
        {
            var sampleLabels = m.Groups["labels"].Value;
            if (m.Groups["name"].Value == name && labels.All(l => sampleLabels.Contains($"{l.Label}=\"{l.Value}\"", StringComparison.Ordinal)))
            {
                return double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
