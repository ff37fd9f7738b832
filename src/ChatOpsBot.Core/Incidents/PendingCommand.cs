namespace ChatOpsBot.Core.Incidents;

/// <summary>A command queued for its incident's next group commit (<see cref="IncidentService.ExecuteAsync"/>).</summary>
internal sealed record PendingCommand(Func<Incident, Decision> Verb, EventContext Context)
{
    // Completed by whichever caller commits the batch; continuations run off that caller's thread.
    public TaskCompletionSource<CommandResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>A queued command with what it decided and its events, stamped, in the order the batch will append them.</summary>
internal sealed record DecidedCommand(PendingCommand Command, Decision Decision, IncidentEvent[] Events);
