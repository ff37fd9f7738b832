using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Core.Commands;

/// <summary>A parsed "/incident ..." command, platform-neutral. Users are <see cref="Actor"/>s taken from mentions.</summary>
public abstract record IncidentCommand
{
    /// <summary>The subcommand word, for usage help and metrics.</summary>
    public abstract string Name { get; }
}

public sealed record DeclareCommand(Severity? Severity, bool IsPrivate, string Title) : IncidentCommand
{
    public override string Name => "declare";
}

/// <summary>The triage prompt's button: declare from an alert group, linking it, with the clicker as commander.</summary>
public sealed record DeclareAlertCommand(Severity Severity, string GroupKey, string Title) : IncidentCommand
{
    public override string Name => "declare-alert";
}

public sealed record AssignRoleCommand(string Role, Actor Assignee) : IncidentCommand
{
    public override string Name => "role";
}

public sealed record ChangeSeverityCommand(Severity Severity) : IncidentCommand
{
    public override string Name => "severity";
}

public sealed record ChangeStatusCommand(IncidentStatus Status) : IncidentCommand
{
    public override string Name => "status";
}

/// <summary>A status update; <see cref="NextUpdateIn"/> is when the poster promises the next one.</summary>
public sealed record PostUpdateCommand(string Text, TimeSpan? NextUpdateIn = null) : IncidentCommand
{
    public override string Name => "update";
}

public sealed record AddNoteCommand(string Text) : IncidentCommand
{
    public override string Name => "note";
}

public sealed record AddActionItemCommand(string Text, Actor? Owner, TimeSpan? DueIn = null) : IncidentCommand
{
    public override string Name => "action";
}

public sealed record ResolveCommand(string? Summary) : IncidentCommand
{
    public override string Name => "resolve";
}

public sealed record CloseCommand : IncidentCommand
{
    public override string Name => "close";
}

public sealed record ReopenCommand : IncidentCommand
{
    public override string Name => "reopen";
}

public sealed record ShowRolesCommand : IncidentCommand
{
    public override string Name => "roles";
}

public sealed record ShowTimelineCommand : IncidentCommand
{
    public override string Name => "timeline";
}

public sealed record ListCommand : IncidentCommand
{
    public override string Name => "list";
}

public sealed record HelpCommand(string? Topic) : IncidentCommand
{
    public override string Name => "help";
}

public sealed record PostmortemCommand : IncidentCommand
{
    public override string Name => "postmortem";
}

public sealed record ExportCommand(Timeline.TimelineFormat Format) : IncidentCommand
{
    public override string Name => "export";
}

public sealed record BriefCommand : IncidentCommand
{
    public override string Name => "brief";
}

/// <summary>Follow (or stop following) an incident's stakeholder updates by direct message.</summary>
public sealed record SubscribeCommand(bool Subscribe) : IncidentCommand
{
    public override string Name => Subscribe ? "subscribe" : "unsubscribe";
}

/// <summary>A command and the incident it names explicitly (null: implied by the channel).</summary>
public sealed record ParsedCommand(IncidentCommand Command, int? IncidentNumber);

public sealed record LinkChangeCommand(string Change) : IncidentCommand
{
    public override string Name => "change";
}

public sealed record StatsCommand(int Days) : IncidentCommand
{
    public override string Name => "stats";
}
