namespace ChatOpsBot.Core.Incidents;

/// <summary>Leaving a role, and managing action items after they are added (also after close).</summary>
public sealed partial record Incident
{
    /// <summary>Action items are one-line tasks; longer thoughts go in a note.</summary>
    public const int MaxActionItemTextLength = 150;

    public Decision AddActionItem(string text, Actor? owner, DateTimeOffset dueAt, DateTimeOffset now) =>
        RefuseIfBadActionText(text) ?? RefuseIfBadDue(dueAt, now)
        ?? Decision.Accept(new ActionItemAdded(ActionItems.Count + 1, text.Trim(), owner, DueAt: dueAt));

    /// <summary>The role holder leaves with nobody taking over; the missing-role reminders then apply.</summary>
    public Decision ClearRole(string role, IncidentSettings settings)
    {
        if (RefuseIfClosed() is { } refused)
        {
            return refused;
        }

        if (CanonicalRole(role, settings) is not { } canonical)
        {
            return UnknownRole(role, settings);
        }

        return Roles.GetValueOrDefault(canonical) is { } current
            ? Decision.Accept(new RoleCleared(canonical, current))
            : Decision.NoChange($"Nobody is {canonical} of {Key}.");
    }

    public Decision MarkActionItemDone(int number) =>
        WithItem(number, item => item.IsDone
            ? Decision.NoChange($"Action item #{number} of {Key} is already done.")
            : Decision.Accept(new ActionItemDone(number)));

    public Decision ReopenActionItem(int number) =>
        WithItem(number, item => item.IsDone
            ? Decision.Accept(new ActionItemReopened(number))
            : Decision.NoChange($"Action item #{number} of {Key} is already open."));

    public Decision ChangeActionItemOwner(int number, Actor? owner) =>
        WithItem(number, item => item.Owner?.Id == owner?.Id
            ? Decision.NoChange(owner is null ? $"Action item #{number} of {Key} has no owner." : $"{owner.Mention} already owns action item #{number} of {Key}.")
            : Decision.Accept(new ActionItemOwnerChanged(number, owner, item.Owner)));

    public Decision ChangeActionItemDue(int number, DateTimeOffset dueAt, DateTimeOffset now) =>
        WithItem(number, item => RefuseIfBadDue(dueAt, now)
            ?? (item.DueAt == dueAt
                ? Decision.NoChange($"Action item #{number} of {Key} is already due then.")
                : Decision.Accept(new ActionItemDueChanged(number, dueAt, item.DueAt))));

    private Decision WithItem(int number, Func<ActionItem, Decision> decide)
    {
        if (number < 1 || number > ActionItems.Count)
        {
            return Decision.Refuse(ActionItems.Count == 0
                ? $"{Key} has no action items yet."
                : $"{Key} has no action item #{number}; its items are #1 to #{ActionItems.Count}.");
        }

        return decide(ActionItems[number - 1]);
    }

    private static Decision? RefuseIfBadDue(DateTimeOffset dueAt, DateTimeOffset now) =>
        dueAt <= now ? Decision.Refuse("That due date is in the past; an action item is due later than now.")
        : dueAt - now > MaxActionItemDueIn ? Decision.Refuse("That is more than 365 days away; keep action items within a year.")
        : null;

    private static Decision? RefuseIfBadActionText(string text) =>
        string.IsNullOrWhiteSpace(text) ? Decision.Refuse("An action item needs text.")
        : text.Trim().Length > MaxActionItemTextLength
            ? Decision.Refuse($"An action item is at most {MaxActionItemTextLength} characters; this is {text.Trim().Length}. Put the detail in a note.")
            : null;

    private static string? CanonicalRole(string role, IncidentSettings settings) =>
        settings.Roles.FirstOrDefault(r => r.Equals(role, StringComparison.OrdinalIgnoreCase))
        ?? (role.Equals(Incidents.Roles.Commander, StringComparison.OrdinalIgnoreCase) ? Incidents.Roles.Commander : null);

    /// <summary>"There is no role "scrib". Did you mean `scribe`? Roles: …" — a suggestion, never a guess acted on.</summary>
    internal static Decision UnknownRole(string role, IncidentSettings settings) =>
        Decision.Refuse($"There is no role \"{role}\".{Commands.Suggestions.DidYouMean(Commands.Suggestions.Closest(role, settings.Roles))} Roles: {string.Join(", ", settings.Roles)}.");

    private Incident WithActionItemChange(ActionItemChange change)
    {
        var index = change.ItemNumber - 1;
        if (index < 0 || index >= ActionItems.Count)
        {
            return this;
        }

        var item = ActionItems[index];
        item = change switch
        {
            ActionItemDone d => item with { State = ActionItemState.Done, DoneAt = d.OccurredAt },
            ActionItemReopened => item with { State = ActionItemState.Open, DoneAt = null },
            ActionItemOwnerChanged o => item with { Owner = o.Owner },
            ActionItemDueChanged d => item with { DueAt = d.DueAt },
            _ => item,
        };
        return this with { ActionItems = ActionItems.SetItem(index, item) };
    }

    private Incident WithoutRole(RoleCleared r)
    {
        var open = RoleHistory.FindLastIndex(a => a.RelievedAt is null && a.Role.Equals(r.Role, StringComparison.OrdinalIgnoreCase));
        return this with
        {
            Roles = Roles.Remove(r.Role),
            RoleHistory = open >= 0 ? RoleHistory.SetItem(open, RoleHistory[open] with { RelievedAt = r.OccurredAt }) : RoleHistory,
        };
    }
}
