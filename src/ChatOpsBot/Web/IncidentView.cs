using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Web;

/// <summary>The read API's shape of an incident: its folded state, without the reconciler's bookkeeping.</summary>
public sealed record IncidentView(
    int Number,
    string Key,
    string Title,
    string Severity,
    string Status,
    bool Private,
    IReadOnlyDictionary<string, PersonView> Roles,
    IReadOnlyList<RoleAssignmentView> RoleHistory,
    ChannelView? Channel,
    DateTimeOffset DeclaredAt,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? ClosedAt,
    DateTimeOffset? LastStatusUpdateAt,
    string? LastStatusUpdate,
    string? Summary,
    IReadOnlyList<ActionItemView> ActionItems,
    PersonView DeclaredBy,
    long Version)
{
    public static IncidentView From(Incident i) => new(
        i.Number,
        i.Key,
        i.Title,
        i.Severity.Label(),
        i.Status.Label(),
        i.IsPrivate,
        i.Roles.ToDictionary(r => r.Key, r => PersonView.From(r.Value)),
        i.RoleHistory.Select(a => new RoleAssignmentView(a.Role, PersonView.From(a.Holder), a.AssignedAt, a.RelievedAt)).ToList(),
        i.Channel is { } c ? new ChannelView(c.Platform, c.Id, c.Name) : null,
        i.DeclaredAt,
        i.ResolvedAt,
        i.ClosedAt,
        i.LastStatusUpdateAt,
        i.LastStatusUpdate,
        i.ResolutionSummary,
        i.ActionItems.Select(ActionItemView.From).ToList(),
        PersonView.From(i.Declarer),
        i.Version);
}

public sealed record PersonView(string Id, string Name)
{
    public static PersonView From(Actor a) => new(a.Id, a.DisplayName);
}

public sealed record RoleAssignmentView(string Role, PersonView Holder, DateTimeOffset AssignedAt, DateTimeOffset? RelievedAt);

public sealed record ChannelView(string Platform, string Id, string? Name);

/// <summary>State is "open" or "done"; <see cref="Due"/> null when the item has no due date.</summary>
public sealed record ActionItemView(int Number, string Text, PersonView? Owner, DateTimeOffset AddedAt, DateTimeOffset? Due, string State, DateTimeOffset? DoneAt)
{
    public static ActionItemView From(ActionItem a) =>
        new(a.Number, a.Text, a.Owner is null ? null : PersonView.From(a.Owner), a.AddedAt, a.DueAt, a.IsDone ? "done" : "open", a.DoneAt);
}
