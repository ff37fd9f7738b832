namespace ChatOpsBot.Core.Incidents;

// Paging the on-call (Core/Paging): what was asked, what each provider took, and what came back.

/// <summary>
/// Someone asked to page <see cref="Target"/> (a service or team), or the bot did at declare (<see cref="Automatic"/>).
/// <see cref="PageNumber"/> counts the pages of one incident from 1.
/// </summary>
public sealed record PageRequested(int PageNumber, string Target, string? Message, bool Automatic = false) : IncidentEvent;

/// <summary>The provider (PagerDuty, Opsgenie) took the page; <see cref="ProviderId"/> is its id for it (the dedup key or alias).</summary>
public sealed record Paged(int PageNumber, string Provider, string ProviderId) : IncidentEvent;

/// <summary>Sending the page failed; the paging worker keeps retrying. Recorded once per distinct error, so a retry is not news.</summary>
public sealed record PageFailed(int PageNumber, string Provider, string Error) : IncidentEvent;

/// <summary>The page was resolved at the provider because the incident was resolved or closed.</summary>
public sealed record PageResolved(int PageNumber, string Provider) : IncidentEvent;

/// <summary>A responder acknowledged the page in the provider; the event's actor is that person. Counts as acknowledgement for MTTA.</summary>
public sealed record PageAcknowledged(string Provider, string ProviderId) : IncidentEvent;
