namespace ChatOpsBot.Core.Commands;

/// <summary>The usage line of each subcommand, shown by help and with every parse error.</summary>
public static class CommandUsage
{
    public static readonly IReadOnlyList<(string Name, string Usage, string Description)> All =
    [
        ("declare", "/incident declare [sev1..sev4] [private] <title>", "Declare an incident; you become commander."),
        ("declare-alert", "/incident declare-alert <sev1..sev4> <alert-group> <title>", "Declare from an alert's triage prompt (its button types this)."),
        ("commander", "/incident commander @user", "Hand the incident commander role to someone (also: ic)."),
        ("scribe", "/incident scribe @user", "Assign the scribe."),
        ("role", "/incident role <role> @user", "Assign any configured role."),
        ("severity", "/incident severity <sev1..sev4>", "Change the severity."),
        ("status", "/incident status <investigating|identified|monitoring>", "Change the status."),
        ("update", "/incident update [next <duration>] <text>", "Post a status update; `next 10m` sets when the next one is due (up to 24h)."),
        ("note", "/incident note <text>", "Add a note to the timeline."),
        ("action", "/incident action <text> [@owner] [due <duration>]", "Add an action item; `due 2d` nudges its owner then."),
        ("resolve", "/incident resolve [summary]", "Resolve the incident."),
        ("close", "/incident close", "Close a resolved incident."),
        ("reopen", "/incident reopen", "Reopen a resolved incident."),
        ("roles", "/incident roles", "Show who holds which role."),
        ("timeline", "/incident timeline", "Show the timeline."),
        ("list", "/incident list", "List open incidents."),
        ("stats", "/incident stats [7d|30d|90d]", "Incident statistics: MTTA, MTTM, MTTR, postmortems, change failures."),
        ("change", "/incident change <url or id>", "Tag the change that caused the incident (for the change failure rate)."),
        ("postmortem", "/incident postmortem", "Compile the blameless postmortem draft from the timeline."),
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
