namespace ChatOpsBot.Core.Commands;

/// <summary>"/incident action export": file the open action items as issues in the tracker.</summary>
public sealed record ExportActionItemsCommand : IncidentCommand
{
    public override string Name => "action";
}
