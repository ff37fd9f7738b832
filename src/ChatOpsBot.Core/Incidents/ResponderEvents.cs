namespace ChatOpsBot.Core.Incidents;

// Responders managing their own work: leaving a role, and the life of an action item after it is added.

/// <summary>Someone left a role (or was taken off it) with nobody taking over: a handoff to nobody.</summary>
public sealed record RoleCleared(string Role, Actor Previous) : IncidentEvent;

/// <summary>A change to action item <see cref="ItemNumber"/>; allowed after close, since follow-up work outlives the incident.</summary>
public abstract record ActionItemChange(int ItemNumber) : IncidentEvent;

public sealed record ActionItemDone(int ItemNumber) : ActionItemChange(ItemNumber);

public sealed record ActionItemReopened(int ItemNumber) : ActionItemChange(ItemNumber);

/// <summary><see cref="Owner"/> null: nobody owns it now.</summary>
public sealed record ActionItemOwnerChanged(int ItemNumber, Actor? Owner, Actor? Previous) : ActionItemChange(ItemNumber);

/// <summary><see cref="DueAt"/> null: no due date any more.</summary>
public sealed record ActionItemDueChanged(int ItemNumber, DateTimeOffset? DueAt, DateTimeOffset? Previous) : ActionItemChange(ItemNumber);
