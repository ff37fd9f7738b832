using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Core.Commands.Handling;

/// <summary>How every concern answers a verb's result: the refusal as an error with usage, "no change" as said, else the success text.</summary>
internal static class Replies
{
    public static CommandOutcome For(CommandResult result, Func<CommandResult, string> success, string usage) =>
        result switch
        {
            { Refusal: { } refusal } => CommandOutcome.Error(refusal, usage),
            { NoChangeReason: { } same } => CommandOutcome.Reply(same, result.Incident.Number),
            _ => CommandOutcome.Reply(success(result), result.Incident.Number),
        };

    /// <summary>A private incident is only for the people in it; everyone else is answered as if it did not exist.</summary>
    public static bool CanSee(Actor actor, Incident incident) =>
        !incident.IsPrivate
        || incident.Participants.Any(p => p.Id == actor.Id) || incident.Chat.InvitedUserIds.Contains(actor.Id) || incident.JoinedUserIds.Contains(actor.Id);
}
