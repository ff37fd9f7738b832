namespace ChatOpsBot.Core.Commands;

/// <summary>"/incident update public &lt;text&gt;": a status update that also goes to the public status page.</summary>
public sealed record PostPublicUpdateCommand(string Text) : IncidentCommand
{
    public override string Name => "update";
}
