using ChatOpsBot.Core.Changes;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Postmortems;
using ChatOpsBot.Core.Statistics;
using ChatOpsBot.Core.Tests.Support;

namespace ChatOpsBot.Core.Tests.Dora;

/// <summary>
/// Thirty days of deploys and incidents whose four keys were worked out by hand (see <see cref="DoraMetricsTests"/>).
/// checkout: 40 production deploys, lead times 13 × 2 h, 14 × 1 d, 13 × 3 d; 6 tagged as causes (one by URL),
/// restored in 30, 45, 59, 60, 120, 180 min. search: 4 deploys, no commit times, 2 tagged, restored in 1 d and 2 d.
/// billing: 1 deploy, lead time 30 d. One incident tagged to a pull request (restored in 10 min), one untagged.
/// Not counted: a failed deploy, a staging deploy, a deploy before the window, an incident declared before it.
/// </summary>
public static class DoraFixture
{
    public static readonly DateTimeOffset Now = IncidentHistory.Start.AddDays(40);

    public const int Days = 30;

    public static IReadOnlyList<Change> Changes()
    {
        var changes = new List<Change>();
        for (var i = 0; i < 40; i++)
        {
            var lead = i < 13 ? TimeSpan.FromHours(2) : i < 27 ? TimeSpan.FromDays(1) : TimeSpan.FromDays(3);
            changes.Add(Deploy($"checkout-{i}", "checkout", Now - (i * TimeSpan.FromHours(17)), lead));
        }

        for (var i = 0; i < 4; i++)
        {
            changes.Add(Deploy($"search-{i}", "search", Now - (i * TimeSpan.FromDays(7)) - TimeSpan.FromHours(1), lead: null));
        }

        changes.Add(Deploy("billing-0", "billing", Now - TimeSpan.FromDays(2), TimeSpan.FromDays(30)));
        changes.Add(Deploy("checkout-failed", "checkout", Now - TimeSpan.FromHours(1), TimeSpan.FromHours(1)) with { Status = ChangeStatus.Failed });
        changes.Add(Deploy("checkout-staging", "checkout", Now - TimeSpan.FromHours(2), TimeSpan.FromHours(1)) with { Environment = "staging" });
        changes.Add(Deploy("checkout-old", "checkout", Now - TimeSpan.FromDays(31), TimeSpan.FromHours(1)));
        return changes;
    }

    public static IReadOnlyList<IncidentFacts> Incidents()
    {
        var changes = Changes();
        string IdOf(string provider) => changes.Single(c => c.ProviderId == provider).Id;
        return
        [
            Restored(TimeSpan.FromMinutes(30), IdOf("checkout-0")),
            Restored(TimeSpan.FromMinutes(45), IdOf("checkout-5")),
            Restored(TimeSpan.FromMinutes(59), IdOf("checkout-10")),
            // Tagged by the URL the deploy was reported with, before anyone looked up its id.
            Restored(TimeSpan.FromMinutes(60), changes.Single(c => c.ProviderId == "checkout-15").Url!),
            Restored(TimeSpan.FromMinutes(120), IdOf("checkout-20")),
            Restored(TimeSpan.FromMinutes(180), IdOf("checkout-25")),
            Restored(TimeSpan.FromDays(1), IdOf("search-0")),
            Restored(TimeSpan.FromDays(2), IdOf("search-1")),
            Restored(TimeSpan.FromMinutes(10), "https://github.com/acme/shop/pull/7"),
            Restored(TimeSpan.FromMinutes(5), link: null),
            Restored(TimeSpan.FromMinutes(5), IdOf("checkout-old"), declaredBeforeWindow: true),
        ];
    }

    private static Change Deploy(string provider, string service, DateTimeOffset finished, TimeSpan? lead) =>
        new(Change.IdFor(provider), provider, service, "production", "1.0", ChangeStatus.Succeeded, finished.AddMinutes(-5), finished,
            "abc", finished - lead, $"https://ci.example.com/{provider}", "alice", [], finished);

    private static IncidentFacts Restored(TimeSpan restore, string? link, bool declaredBeforeWindow = false)
    {
        var history = new IncidentHistory();
        // The window opens at Start + 10 d; the incidents are declared at Start + 30 d, the older one at Start.
        if (!declaredBeforeWindow)
        {
            history.Clock.Advance(TimeSpan.FromDays(30));
        }

        var declarer = Some.Actor();
        history.Record(Incident.Declare(Some.Title(), Severity.Sev2, false, declarer, null, null, new IncidentSettings()), declarer);
        if (link is not null)
        {
            history.Then(i => i.LinkChange(link));
        }

        history.Clock.Advance(restore);
        history.Then(i => i.Resolve(null));
        return new IncidentFacts(history.State, KeyTimes.From(history.Events));
    }
}
