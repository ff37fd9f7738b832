using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Core.Tests.Golden;

/// <summary>
/// A realistic SEV1, written out event by event: an alert before the declaration (pinned later), a commander
/// handoff, severity up and down, a fix that did not hold, pins, reactions, status updates, action items, a
/// subscriber, a blameful note, hostile text for every format, the reconciler's bookkeeping, then close and draft.
/// </summary>
public static class Sev1Fixture
{
    public const int Number = 42;
    public const string TimeZone = "Europe/Helsinki";

    public static readonly Actor Alice = new("U01ALICE", "alice");
    public static readonly Actor Bob = new("U02BOB", "bob");
    public static readonly Actor Carol = new("U03CAROL", "carol");
    public static readonly Actor Dave = new("U04DAVE", "dave");
    public static readonly Actor Erin = new("U05ERIN", "erin");
    public static readonly Actor Frank = new("U06FRANK", "frank");
    /// <summary>A display name is user-controlled text too: a spreadsheet must not run it.</summary>
    public static readonly Actor Mallory = new("U07MAL", "=HYPERLINK(\"https://evil.example\",\"open\")");
    public static readonly Actor Alertmanager = new("alertmanager", "Alertmanager");

    private static readonly ConversationRef Channel = new("console", "inc-42-checkout-returns-502-for-card-payments", "inc-42-checkout-returns-502-for-card-payments");

    public static IReadOnlyList<IncidentEvent> Events()
    {
        var day = new DateTimeOffset(2025, 3, 14, 0, 0, 0, TimeSpan.Zero);
        var events = new List<IncidentEvent>();
        void Add(string time, Actor actor, EventSource source, IncidentEvent e, string? recorded = null)
        {
            var at = day + TimeSpan.Parse(time, System.Globalization.CultureInfo.InvariantCulture);
            events.Add(e with
            {
                IncidentNumber = Number,
                Actor = actor,
                Source = source,
                OccurredAt = at,
                RecordedAt = recorded is null ? at : day + TimeSpan.Parse(recorded, System.Globalization.CultureInfo.InvariantCulture),
                Version = events.Count + 1,
            });
        }

        const EventSource Cmd = EventSource.Command;
        const EventSource Bot = EventSource.Bot;
        Add("09:04:00", Alice, Cmd, new Declared("Checkout returns 502 for card payments", Severity.Sev2, false, new ConversationRef("console", "general", "general")));
        Add("09:04:00", Alice, Cmd, new RoleAssigned(Roles.Commander, Alice, null));
        Add("09:04:01", Actor.Bot, Bot, new ChannelOpened(Channel));
        Add("09:04:01", Actor.Bot, Bot, new MembersInvited([Alice.Id, "oncall-lead"]));
        Add("09:04:02", Actor.Bot, Bot, new TopicSet("SEV2 · Investigating · IC: @alice"));
        Add("09:04:02", Actor.Bot, Bot, new KickoffPosted("m-1"));
        Add("09:04:02", Actor.Bot, Bot, new ChannelMessagesPosted(6));
        Add("09:04:03", Actor.Bot, Bot, new Announced(new ConversationRef("console", "incidents", "incidents"), "m-2"));
        Add("09:01:30", Alertmanager, EventSource.Alert, new NoteAdded("[FIRING] CheckoutHighErrorRate: 5xx ratio 12% on checkout-api (threshold 2%)"), recorded: "09:05:00");
        Add("09:06:00", Alice, Cmd, new RoleAssigned(Roles.Scribe, Bob, null));
        Add("09:07:10", Bob, Cmd, new NoteAdded("Errors started right after deploy 2025.03.14-2 of payments-gateway | canary stage skipped"));
        Add("09:09:00", Alice, Cmd, new SeverityChanged(Severity.Sev2, Severity.Sev1));
        Add("09:10:00", Alice, Cmd, new StatusUpdatePosted("We are investigating failed card payments at checkout. Next update by 09:40 UTC."));
        Add("09:11:00", Frank, Cmd, new Subscribed());
        Add("09:12:30", Carol, EventSource.PinnedMessage, new NoteAdded("Grafana: p99 latency on payments-gateway 8s, connection pool exhausted <see dashboard>"));
        Add("09:15:00", Alice, Cmd, new StatusChanged(IncidentStatus.Investigating, IncidentStatus.Identified));
        Add("09:16:00", Bob, Cmd, new NoteAdded("Dave forgot to run the migration before the deploy; human error."));
        Add("09:18:00", Alice, Cmd, new RoleAssigned(Roles.Commander, Carol, Alice));
        Add("09:18:05", Actor.Bot, Bot, new ChannelMessagesPosted(18));
        Add("09:20:00", Carol, Cmd, new NoteAdded("Rolling back payments-gateway to 2025.03.14-1"));
        Add("09:21:00", Carol, Cmd, new RoleAssigned(Roles.Communications, Erin, null));
        Add("09:25:00", Carol, Cmd, new StatusChanged(IncidentStatus.Identified, IncidentStatus.Monitoring));
        Add("09:26:00", Erin, Cmd, new StatusUpdatePosted("A fix is rolled out; card payments are recovering. We are monitoring."));
        Add("09:27:00", Bob, EventSource.Reaction, new NoteAdded("=SUM(A1:A9) error budget burned, 40% \"so far\""));
        Add("09:28:00", Mallory, EventSource.Reaction, new NoteAdded("-1 same errors in EU, @here"));
        Add("09:30:00", Carol, Cmd, new ActionItemAdded(1, "Make the canary stage mandatory for payments-gateway", Dave));
        Add("09:31:00", Carol, Cmd, new ActionItemAdded(2, "Alert on connection-pool saturation, not only on 5xx", null));
        Add("09:32:00", Bob, Cmd, new NoteAdded("Pool sizes per pod:\nold 50, new 20 — **too low**, see <b>html</b> | col\n# not a heading 🔥"));
        Add("09:35:00", Carol, Cmd, new StatusChanged(IncidentStatus.Monitoring, IncidentStatus.Investigating));
        Add("09:38:00", Carol, Cmd, new NoteAdded("Second pod pool drained too; errors back to baseline."));
        Add("09:40:00", Carol, Cmd, new StatusChanged(IncidentStatus.Investigating, IncidentStatus.Monitoring));
        Add("09:41:00", Erin, Cmd, new StatusUpdatePosted("Checkout is stable. We keep monitoring for 30 minutes."));
        Add("09:45:00", Carol, Cmd, new SeverityChanged(Severity.Sev1, Severity.Sev2));
        Add("09:50:00", Dave, Cmd, new ActionItemAdded(3, "Why did the pipeline allow skipping the canary? Document the override", Dave));
        Add("10:10:00", Carol, Cmd, new Resolved("Rolled back payments-gateway 2025.03.14-2: its new connection-pool limit was too low for peak traffic."));
        Add("10:10:05", Actor.Bot, Bot, new TopicSet("SEV2 · Resolved · IC: @carol"));
        Add("10:10:05", Actor.Bot, Bot, new ChannelMessagesPosted(35));
        Add("11:00:00", Carol, Cmd, new NoteAdded("Follow-up review booked for Monday."));
        Add("1.08:00:00", Carol, Cmd, new Closed());
        Add("1.08:00:02", Actor.Bot, Bot, new ChannelMessagesPosted(39));
        Add("1.08:00:03", Actor.Bot, Bot, new PostmortemDrafted(Channel, "m-9"));
        return events;
    }
}
