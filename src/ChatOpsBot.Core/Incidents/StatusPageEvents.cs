namespace ChatOpsBot.Core.Incidents;

// The public status page (Core/StatusPages): what the commander made public and what reached the page.

/// <summary>The status update appended with this event is public: it goes to the external status page.</summary>
public sealed record PublicUpdatePosted(string Text) : IncidentEvent;

/// <summary>The incident is on the external status page as <see cref="ExternalId"/>.</summary>
public sealed record StatusPageIncidentCreated(string Provider, string ExternalId, string? Url) : IncidentEvent;

/// <summary>The public updates up to the event <see cref="ThroughVersion"/> are on the status page.</summary>
public sealed record StatusPageUpdated(long ThroughVersion) : IncidentEvent;

/// <summary>The status page shows the incident resolved.</summary>
public sealed record StatusPageIncidentResolved(string Provider) : IncidentEvent;

/// <summary>A call to the status page failed; retried. Recorded once per distinct error.</summary>
public sealed record StatusPageFailed(string Provider, string Error) : IncidentEvent;
