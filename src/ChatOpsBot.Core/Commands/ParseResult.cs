namespace ChatOpsBot.Core.Commands;

/// <summary>Either a command, or what was wrong with the text and the usage of the subcommand it was meant to be.</summary>
public sealed record ParseResult(ParsedCommand? Command, string? Error, string? Usage)
{
    public bool Succeeded => Command is not null;

    public static ParseResult Ok(IncidentCommand command, int? incidentNumber) => new(new ParsedCommand(command, incidentNumber), null, null);

    public static ParseResult Fail(string error, string usage) => new(null, error, usage);
}
