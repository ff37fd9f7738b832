namespace ChatOpsBot.Core.Commands;

/// <summary>Run the blameless review over the incident's timeline so far, before anyone writes the postmortem.</summary>
public sealed record ReviewCommand : IncidentCommand
{
    public override string Name => "review";
}
