namespace ChatOpsBot.Core.Commands;

/// <summary>The usage line of each subcommand, shown by help and with every parse error.</summary>
public static class CommandUsage
{
    public static readonly IReadOnlyList<(string Name, string Usage, string Description)> All =
    [
        ("declare", "/incident declare [sev1..sev4] [private] <title>", "Declare an incident; you become commander."),
        ("declare-alert", "/incident declare-alert <sev1..sev4> <alert-group> <title>", "Declare from an alert's triage prompt (its button types this)."),
        ("commander", "/incident commander @user", "Hand the incident commander role to someone (also: ic); `none` leaves it empty."),
        ("scribe", "/incident scribe @user", "Assign the scribe; `none` leaves the role empty."),
        ("role", "/incident role <role> @user", "Assign any configured role; `none` leaves it empty."),
        ("severity", "/incident severity <sev1..sev4>", "Change the severity."),
        ("status", "/incident status <investigating|identified|monitoring>", "Change the status."),
        ("update", "/incident update [next <duration>] <text>", "Post a status update; `next 10m` sets when the next one is due (up to 24h)."),
        ("note", "/incident note <text>", "Add a note to the timeline."),
        ("action", "/incident action <text> [@owner] [due <when>]", "Add an action item; `due 2d`, `due friday` or `due 2026-12-10` nudges its owner then."),
        ("actions", "/incident actions", "List the action items with number, owner, due date and state."),
        ("action done", "/incident action done <n>", "Mark action item n done; its due reminder stops."),
        ("action reopen", "/incident action reopen <n>", "Reopen a done action item."),
        ("action owner", "/incident action owner <n> <@user|none>", "Give action item n to someone else."),
        ("action due", "/incident action due <n> <when>", "Move action item n's due date (2d, 36h, friday, tomorrow, 2026-12-10)."),
        ("resolve", "/incident resolve [summary]", "Resolve the incident."),
        ("close", "/incident close", "Close a resolved incident."),
        ("reopen", "/incident reopen", "Reopen a resolved incident."),
        ("roles", "/incident roles", "Show who holds which role."),
        ("timeline", "/incident timeline", "Show the timeline."),
        ("list", "/incident list", "List open incidents."),
        ("stats", "/incident stats [7d|30d|90d]", "Incident statistics: MTTA, MTTM, MTTR, postmortems, change failures."),
        ("change", "/incident change <id or url>", "Tag the change that caused the incident (a deploy's id or URL from `changes`, or any URL)."),
        ("changes", "/incident changes", "What changed: the deploys before the incident, its services first."),
        ("service", "/incident service <name>", "Name a service the incident affects, so its deploys come first."),
        ("insights", "/incident insights [30d|90d]", "Across incidents: recurring alerts, action items, MTTA/MTTR trend, the four DORA keys."),
        ("postmortem", "/incident postmortem", "Compile the blameless postmortem draft from the timeline."),
        ("review", "/incident review", "Review the timeline so far for sentences that read as blame or hindsight."),
        ("export", "/incident export <md|csv|json>", "Export the whole timeline for the scribe."),
        ("brief", "/incident brief", "Brief the commander: state, last update, action items, roles, latest notes."),
        ("subscribe", "/incident subscribe INC-n", "Get the incident's status updates by direct message."),
        ("unsubscribe", "/incident unsubscribe INC-n", "Stop getting the incident's updates."),
        ("update public", "/incident update public <text>", "Post a status update that also goes to the public status page (commander only; never for private incidents)."),
        ("action export", "/incident action export", "File the action items as issues in the tracker (GitHub or Jira), each once."),
        ("page", "/incident page <service-or-team> [message]", "Page the on-call of a service or team through PagerDuty or Opsgenie."),
        ("help", "/incident help [command]", "Show this help."),
    ];

    public static string For(string name)
    {
        name = name == "ic" ? "commander" : name;
        var entry = All.FirstOrDefault(u => u.Name == name);
        return entry.Usage ?? Help();
    }

    public static string Help() =>
        "Commands (outside an incident channel, name the incident: `/incident INC-7 note ...`):\n"
        + string.Join("\n", All.Select(u => $"`{u.Usage}` — {u.Description}"));
}
