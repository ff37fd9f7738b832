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

/// <summary>A follow-up. <see cref="DueAt"/>, when set, is when its owner is nudged.</summary>
public sealed record ActionItem(int Number, string Text, Actor? Owner, DateTimeOffset AddedAt, DateTimeOffset? DueAt = null);

/// <summary>A chat message on the timeline as it reads now.</summary>
public sealed record CapturedMessage(string Text, bool IsDeleted);
