using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Core.Tests.Timeline;

/// <summary>
/// Random timelines for property tests: every event type, with text that stresses every format (quotes,
/// separators, newlines, Markdown, HTML, emoji, very long lines), actors with and without names, any offset.
/// </summary>
public static class RandomEvents
{
    private static readonly string[] Fragments =
    [
        "checkout", "502", "\"quoted\"", ",", ";", "|", "\n", "\r\n", "\t", "**bold**", "# heading", "<script>alert(1)</script>",
        "=SUM(A1)", "+1", "-1", "@here", "🔥", "👩‍💻", "ä ö å", "日本語", "\\", "'", "`code`", "[link](http://x)", " ", "null", "{}", "&amp;",
    ];

    public static IReadOnlyList<IncidentEvent> Timeline(Random random)
    {
        var number = random.Next(1, 100_000);
        var start = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(random.NextInt64(TimeSpan.FromDays(2000).Ticks));
        var count = random.Next(1, 40);
        var events = new List<IncidentEvent> { Stamp(random, new Declared(Text(random), Sev(random), random.Next(2) == 0, Conversation(random), Maybe(random, Text)), number, start, 1) };
        for (var v = 2; v <= count; v++)
        {
            events.Add(Stamp(random, Any(random), number, start.AddSeconds(random.Next(-600, 86_400)), v));
        }

        return events;
    }

    private static IncidentEvent Any(Random random) => random.Next(19) switch
    {
        0 => new RoleAssigned(Text(random), Person(random), Maybe(random, Person)),
        1 => new SeverityChanged(Sev(random), Sev(random)),
        2 => new StatusChanged((IncidentStatus)random.Next(1, 6), (IncidentStatus)random.Next(1, 6)),
        3 => new StatusUpdatePosted(Text(random)),
        4 => new NoteAdded(Text(random)),
        5 => new ActionItemAdded(random.Next(1, 50), Text(random), Maybe(random, Person)),
        6 => new Resolved(Maybe(random, Text)),
        7 => new Closed(),
        8 => new Reopened(),
        9 => new ChannelOpened(Conversation(random)),
        10 => new MembersInvited(Enumerable.Range(0, random.Next(0, 4)).Select(_ => Text(random)).ToArray()),
        11 => new TopicSet(Text(random)),
        12 => new KickoffPosted(Text(random)),
        13 => new Announced(Conversation(random), Text(random)),
        14 => new ChannelMessagesPosted(random.NextInt64(0, 1000)),
        15 => new Subscribed(),
        16 => new Unsubscribed(),
        17 => new PostmortemDrafted(Conversation(random), Text(random)),
        _ => new Declared(Text(random), Sev(random), true, null),
    };

    private static IncidentEvent Stamp(Random random, IncidentEvent e, int number, DateTimeOffset at, long version) => e with
    {
        IncidentNumber = number,
        Version = version,
        Actor = random.Next(10) == 0 ? Actor.Bot : Person(random),
        Source = (EventSource)random.Next(1, 8),
        OccurredAt = at.ToOffset(TimeSpan.FromMinutes(15 * random.Next(-48, 56))),
        RecordedAt = at.AddMilliseconds(random.Next(0, 5000)),
    };

    private static string Text(Random random)
    {
        var parts = Enumerable.Range(0, random.Next(1, 8)).Select(_ => Fragments[random.Next(Fragments.Length)]);
        var text = string.Concat(parts);
        return random.Next(20) == 0 ? text + new string('x', 5000) : text;
    }

    private static Actor Person(Random random) => new($"U{random.Next(1000)}", random.Next(3) == 0 ? null : Text(random));

    private static ConversationRef Conversation(Random random) => new(Text(random), Text(random), Maybe(random, Text));

    private static Severity Sev(Random random) => (Severity)random.Next(1, 5);

    private static T? Maybe<T>(Random random, Func<Random, T> make) where T : class => random.Next(2) == 0 ? null : make(random);
}
