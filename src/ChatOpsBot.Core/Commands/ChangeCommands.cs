namespace ChatOpsBot.Core.Commands;

/// <summary>"What changed?": the deploys before the incident, its services first.</summary>
public sealed record ListChangesCommand : IncidentCommand
{
    public override string Name => "changes";
}

/// <summary>Names a service the incident affects, so its deploys come first.</summary>
public sealed record TagServiceCommand(string Service) : IncidentCommand
{
    public override string Name => "service";
}

/// <summary>Learning across incidents over a window: recurring alerts and services, action items, trends, the four keys.</summary>
public sealed record InsightsCommand(int Days) : IncidentCommand
{
    public override string Name => "insights";
}
