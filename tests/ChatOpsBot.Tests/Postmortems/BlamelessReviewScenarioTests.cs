using ChatOpsBot.Tests.Support;

namespace ChatOpsBot.Tests.Postmortems;

/// <summary>
/// Through the console API: an incident whose notes hold one sentence of each kind of blame and several neutral
/// ones is reviewed on demand and then closed; the draft flags each blaming sentence with its kind, and no neutral one.
/// </summary>
public sealed class BlamelessReviewScenarioTests : IDisposable
{
    private const string Room = "inc-1-search-is-down";

    private static readonly (string Sentence, string Kind)[] Blaming =
    [
        ("Root cause: human error in the zone file.", "human error as a cause"),
        ("Why didn't the on-call engineer page the DBA?", "why-question at a person"),
        ("Had Priya checked the canary, search would have stayed up.", "hindsight / counterfactual"),
        ("The outage is on the platform team.", "fault located in a person"),
        ("It was the contractor's oversight that left the flag on.", "someone's fault"),
        ("Marco botched the failover.", "person judged by the verb"),
        ("A careless edit to the values file broke ingress.", "judgement word"),
    ];

    private static readonly string[] Neutral =
    [
        "Mei scaled the cluster to 40 nodes at 05:10 UTC.",
        "We chose to drain the region.",
        "The deploy tool accepts an empty region without a warning.",
        "Priya checked the canary; it showed no errors because the metric was sampled.",
        "Why did the health check keep passing?",
    ];

    private readonly BotFactory _bot = new();
    private readonly ConsoleApiClient _console;

    public BlamelessReviewScenarioTests() => _console = new ConsoleApiClient(_bot.CreateClient());

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task EachKindOfBlameIsFlaggedWithItsKindInTheDraftAndNoNeutralSentenceIs()
    {
        await _console.SayExpectingOneReplyAsync("alice", "general", "/incident declare sev2 Search is down");
        await Eventually.Get(() => _console.ChannelsAsync("alice"), c => c.Any(x => x.Name == Room), "the incident channel");
        foreach (var text in Blaming.Select(b => b.Sentence).Concat(Neutral))
        {
            await _console.SayExpectingOneReplyAsync("bob", Room, $"/incident note {text}");
        }

        var review = await _console.SayExpectingOneReplyAsync("alice", Room, "/incident review");
        Assert.Contains("7 sentences need review before sharing", review, StringComparison.Ordinal);
        Assert.All(Blaming, b => Assert.Contains($"\"{b.Sentence}\" — {b.Kind}", review, StringComparison.Ordinal));

        await _console.SayExpectingOneReplyAsync("alice", Room, "/incident resolve Ingress restored.");
        await _console.SayExpectingOneReplyAsync("alice", Room, "/incident close");
        var messages = await Eventually.Get(() => _console.MessagesAsync(Room, "alice"),
            m => m.Any(x => x.Text.Contains("postmortem draft", StringComparison.Ordinal)), "the postmortem draft message");
        Assert.Contains("7 sentences need review before sharing", messages.Last(m => m.Text.Contains("postmortem draft", StringComparison.Ordinal)).Text, StringComparison.Ordinal);

        var markdown = await _console.Http.GetStringAsync("/api/incidents/1/postmortem");
        var section = markdown[markdown.IndexOf("## Review before sharing", StringComparison.Ordinal)..];
        var rows = section.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal) && !l.StartsWith("| Sentence |", StringComparison.Ordinal)).ToList();
        Assert.Equal(Blaming.Length, rows.Count);
        Assert.All(Blaming, b => Assert.Contains(rows, r => r.StartsWith($"| {b.Sentence} | {b.Kind} | note by @bob", StringComparison.Ordinal)));
        Assert.All(Neutral, n => Assert.DoesNotContain(rows, r => r.Contains(n, StringComparison.Ordinal)));
    }
}
