using ChatOpsBot.Core.Changes;
using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Tests.Insights;

/// <summary>
/// Ninety days of history written straight into the host's stores, with the times things happened (the commands
/// would stamp everything "now"): 200 deploys to four services and 50 closed incidents with alerts, commanders,
/// action items, blame-flagged notes, and every fourth one tagged to the deploy before it.
/// </summary>
internal static class SeededHistory
{
    public static readonly string[] Services = ["checkout", "search", "billing", "payments"];

    private static readonly Actor Alice = new("U-alice", "alice");

    public static async Task<IReadOnlyList<Change>> SeedAsync(IIncidentStore incidents, IChangeStore changes, DateTimeOffset now)
    {
        var deploys = new List<Change>();
        for (var i = 0; i < 200; i++)
        {
            var finished = now - TimeSpan.FromHours(i * 10.7) - TimeSpan.FromMinutes(3);
            var provider = $"seed:{i}";
            var lead = TimeSpan.FromHours(1 + (i % 9) * 7);
            var change = new Change(Change.IdFor(provider), provider, Services[i % Services.Length], "production", $"1.{i}.0", ChangeStatus.Succeeded,
                finished.AddMinutes(-6), finished, $"{i:x7}", finished - lead, $"https://ci.example.com/deploys/{i}", "alice", [], finished);
            deploys.Add((await changes.AddAsync(change, CancellationToken.None)).Change);
        }

        for (var k = 0; k < 50; k++)
        {
            var declared = now - TimeSpan.FromHours(k * 43) - TimeSpan.FromHours(1);
            var service = Services[k % Services.Length];
            var alertname = k % 3 == 0 ? "HighLatency" : k % 5 == 0 ? "DiskFull" : $"Alert{k}";
            var severity = (Severity)(1 + (k % 4));
            IncidentEvent[] events =
            [
                At(new Declared($"{service} {alertname} {k}", severity, IsPrivate: k == 7, Origin: null), declared),
                At(new AlertFired($"seed-{k}", $"fp-{k}", $"{alertname} on {service}",
                    new Dictionary<string, string> { ["alertname"] = alertname, ["service"] = service }, []), declared.AddMinutes(-2), EventSource.Alert),
                At(new RoleAssigned(Roles.Commander, Alice, null), declared.AddMinutes(1 + (k % 7) * (int)severity)),
                At(new ActionItemAdded(1, $"Add a runbook for {alertname}", Alice, k % 2 == 0 ? TimeSpan.FromDays(3) : null), declared.AddMinutes(30)),
                At(new NoteAdded(k % 3 == 0 ? "The deploy should have been caught in staging." : k % 4 == 0 ? "Human error during the failover." : "Rolled back."), declared.AddMinutes(20)),
                .. k % 4 == 0 ? new IncidentEvent[] { At(new ChangeLinked(deploys.First(d => d.FinishedAt < declared && d.Service == service).Id), declared.AddMinutes(25)) } : [],
                At(new Resolved(k % 6 == 0 ? "Obviously a config fault." : "Rolled back"), declared.AddMinutes((1 + (k % 5)) * 25 * (int)severity)),
                At(new Closed(), declared.AddHours(6)),
            ];
            var number = await incidents.AllocateNumberAsync(CancellationToken.None);
            var appended = await incidents.AppendAsync(number, 0, events.Select(e => e with { IncidentNumber = number }).ToList(), CancellationToken.None);
            Assert.True(appended.Succeeded);
        }

        return deploys;
    }

    private static IncidentEvent At(IncidentEvent e, DateTimeOffset at, EventSource source = EventSource.Command) =>
        e with { OccurredAt = at, Actor = source == EventSource.Alert ? Actor.Bot : Alice, Source = source };
}
