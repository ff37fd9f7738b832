namespace ChatOpsBot.Core.Commands;

/// <summary>"/incident page &lt;service-or-team&gt; [message]": page the on-call of a service or team.</summary>
public sealed record PageCommand(string Target, string? Message) : IncidentCommand
{
    public override string Name => "page";
}
