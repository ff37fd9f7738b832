using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Core.Commands;

/// <summary>"commander none", "role scribe none": the holder leaves the role and nobody takes over.</summary>
public sealed record ClearRoleCommand(string Role) : IncidentCommand
{
    public override string Name => "role";
}

/// <summary>"action &lt;text&gt; [@owner] due friday": a due date that needs the clock and the team's zone to be a time.</summary>
public sealed record AddDatedActionItemCommand(string Text, Actor? Owner, DueText Due) : IncidentCommand
{
    public override string Name => "action";
}

public sealed record ListActionItemsCommand : IncidentCommand
{
    public override string Name => "actions";
}

public enum ActionItemVerb
{
    Done,
    Reopen,
    Owner,
    Due,
}

/// <summary>"action done 2", "action reopen 2", "action owner 2 @bob", "action due 2 friday".</summary>
public sealed record ChangeActionItemCommand(ActionItemVerb Verb, int ItemNumber, Actor? Owner = null, DueText? Due = null) : IncidentCommand
{
    public override string Name => Verb switch
    {
        ActionItemVerb.Done => "action done",
        ActionItemVerb.Reopen => "action reopen",
        ActionItemVerb.Owner => "action owner",
        _ => "action due",
    };
}
