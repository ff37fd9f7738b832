namespace ChatOpsBot.Core.Incidents;

public static class Roles
{
    public const string Commander = "commander";
    public const string Scribe = "scribe";
    public const string Communications = "communications";
    public const string Operations = "operations";

    public static readonly IReadOnlyList<string> Defaults = [Commander, Scribe, Communications, Operations];
}

/// <summary>One stint in a role. The current holder is the assignment with no <see cref="RelievedAt"/>.</summary>
public sealed record RoleAssignment(string Role, Actor Holder, DateTimeOffset AssignedAt, DateTimeOffset? RelievedAt = null);

/// <summary>A follow-up. <see cref="DueAt"/>, when set, is when its owner is nudged, unless it is done by then.</summary>
public sealed record ActionItem(int Number, string Text, Actor? Owner, DateTimeOffset AddedAt, DateTimeOffset? DueAt = null,
    ActionItemState State = ActionItemState.Open, DateTimeOffset? DoneAt = null)
{
    public bool IsDone => State == ActionItemState.Done;

    public bool IsOverdue(DateTimeOffset now) => !IsDone && DueAt is { } due && due < now;
}

public enum ActionItemState
{
    Open,
    Done,
}

/// <summary>A chat message on the timeline as it reads now.</summary>
public sealed record CapturedMessage(string Text, bool IsDeleted);
