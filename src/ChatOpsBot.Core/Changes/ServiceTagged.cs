namespace ChatOpsBot.Core.Incidents;

/// <summary>A responder named a service the incident affects (<c>/incident service checkout</c>), so its deploys come first in "what changed?".</summary>
public sealed record ServiceTagged(string Service) : IncidentEvent;
