namespace ChatOpsBot.Core.Incidents;

/// <summary>
/// The state changes an incident allows. Each verb checks the current state and returns the events to
/// append, a refusal with a reason a responder can act on, or "no change" when the command changes nothing.
/// </summary>
public sealed partial record Incident
{
    /// <summary>An update promising the next one further out than a day is not a cadence any more.</summary>
    public static readonly TimeSpan MaxNextUpdateIn = TimeSpan.FromHours(24);

    public static readonly TimeSpan MaxActionItemDueIn = TimeSpan.FromDays(365);

    public static Decision Declare(string title, Severity severity, bool isPrivate, Actor declarer, Actor? commander,
        ConversationRef? origin, IncidentSettings settings, string? description = null)
    {
        title = title.Trim();
        if (title.Length == 0)
        {
            return Decision.Refuse("An incident needs a title.");
        }

        if (title.Length > settings.MaxTitleLength)
        {
            return Decision.Refuse($"The title is {title.Length} characters; keep it to {settings.MaxTitleLength}.");
        }

        return Decision.Accept(
            new Declared(title, severity, isPrivate, origin, string.IsNullOrWhiteSpace(description) ? null : description.Trim()),
            new RoleAssigned(Incidents.Roles.Commander, commander ?? declarer, null));
    }

    public Decision AssignRole(string role, Actor assignee, IncidentSettings settings)
    {
        if (RefuseIfClosed() is { } refused)
        {
            return refused;
        }

        if (CanonicalRole(role, settings) is not { } canonical)
        {
            return UnknownRole(role, settings);
        }

        var current = Roles.GetValueOrDefault(canonical);
        if (current?.Id == assignee.Id)
        {
            return Decision.NoChange($"{assignee.Mention} is already {canonical} of {Key}.");
        }

        return Decision.Accept(new RoleAssigned(canonical, assignee, current));
    }

    public Decision ChangeSeverity(Severity severity)
    {
        if (RefuseIfClosed() is { } refused)
        {
            return refused;
        }

        return severity == Severity
            ? Decision.NoChange($"{Key} is already {severity.Label()}.")
            : Decision.Accept(new SeverityChanged(Severity, severity));
    }

    public Decision ChangeStatus(IncidentStatus status)
    {
        if (status is IncidentStatus.Resolved or IncidentStatus.Closed)
        {
            return Decision.Refuse($"Use `resolve` or `close` to {(status == IncidentStatus.Resolved ? "resolve" : "close")} an incident.");
        }

        if (RefuseUnlessOpen() is { } refused)
        {
            return refused;
        }

        // Going back (monitoring -> investigating) is allowed: a fix that did not hold is a real event.
        return status == Status
            ? Decision.NoChange($"{Key} is already {status.Label()}.")
            : Decision.Accept(new StatusChanged(Status, status));
    }

    public Decision PostStatusUpdate(string text, TimeSpan? nextUpdateIn = null) =>
        RefuseIfClosed()
        ?? RefuseIfBadText(text, "A status update needs text.")
        ?? (nextUpdateIn is { } next && (next <= TimeSpan.Zero || next > MaxNextUpdateIn)
            ? Decision.Refuse("The next update must be due within 24 hours, and after now.")
            : null)
        ?? Decision.Accept(new StatusUpdatePosted(text.Trim(), nextUpdateIn));

    public Decision AddNote(string text) =>
        RefuseIfClosed() ?? RefuseIfBadText(text, "A note needs text.") ?? Decision.Accept(new NoteAdded(text.Trim()));

    /// <summary>Allowed after close: the follow-up work a postmortem review finds outlives the incident.</summary>
    public Decision AddActionItem(string text, Actor? owner, TimeSpan? dueIn = null) =>
        RefuseIfBadActionText(text)
        ?? (dueIn is { } due && (due <= TimeSpan.Zero || due > MaxActionItemDueIn)
            ? Decision.Refuse("An action item is due within 365 days, and after now.")
            : null)
        ?? Decision.Accept(new ActionItemAdded(ActionItems.Count + 1, text.Trim(), owner, dueIn));

    public Decision Resolve(string? summary)
    {
        if (Status == IncidentStatus.Resolved)
        {
            return Decision.Refuse($"{Key} is already resolved. Use `reopen` if it is back.");
        }

        if (RefuseIfClosed() is { } refused)
        {
            return refused;
        }

        if (summary is { Length: > IncidentSettings.MaxTextLength })
        {
            return Decision.Refuse($"Keep the summary to {IncidentSettings.MaxTextLength} characters.");
        }

        return Decision.Accept(new Resolved(string.IsNullOrWhiteSpace(summary) ? null : summary.Trim()));
    }

    public Decision Close() => Status switch
    {
        IncidentStatus.Closed => Decision.Refuse($"{Key} is already closed."),
        IncidentStatus.Resolved => Decision.Accept(new Closed()),
        _ => Decision.Refuse($"{Key} is still {Status.Label()}. Resolve it first: `resolve <summary>`."),
    };

    public Decision Reopen() => Status switch
    {
        IncidentStatus.Resolved => Decision.Accept(new Reopened()),
        IncidentStatus.Closed => Decision.Refuse($"{Key} is closed and cannot be reopened. Declare a new incident and link it."),
        _ => Decision.Refuse($"{Key} is not resolved; it is {Status.Label()}."),
    };

    /// <summary>Puts a chat message on the timeline, once: pinning or reacting to it again changes nothing.</summary>
    public Decision CaptureMessage(string messageId, Actor author, string text, string? permalink = null,
        IReadOnlyList<CapturedFile>? files = null, string? threadId = null)
    {
        if (RefuseIfClosed() is { } refused)
        {
            return refused;
        }

        if (CapturedMessages.ContainsKey(messageId))
        {
            return Decision.NoChange($"That message is already on the {Key} timeline.");
        }

        // A file-only message has no text; its files are what is worth keeping.
        if (string.IsNullOrWhiteSpace(text) && (files is null || files.Count == 0))
        {
            return Decision.Refuse("That message has no text or files to put on the timeline.");
        }

        if (text.Length > IncidentSettings.MaxTextLength)
        {
            text = text[..IncidentSettings.MaxTextLength];
        }

        return Decision.Accept(new MessageCaptured(messageId, author, text, permalink, files is { Count: > 0 } ? files : null, threadId));
    }

    /// <summary>Follows an edit of a captured message; messages that were never captured are none of the timeline's business.</summary>
    public Decision EditCapturedMessage(string messageId, string text)
    {
        if (!CapturedMessages.TryGetValue(messageId, out var captured))
        {
            return Decision.NoChange("That message is not on the timeline.");
        }

        if (captured.IsDeleted || captured.Text == text)
        {
            return Decision.NoChange("The captured message is unchanged.");
        }

        return RefuseIfClosed() ?? Decision.Accept(new CapturedMessageEdited(messageId,
            text.Length > IncidentSettings.MaxTextLength ? text[..IncidentSettings.MaxTextLength] : text));
    }

    public Decision DeleteCapturedMessage(string messageId)
    {
        if (!CapturedMessages.TryGetValue(messageId, out var captured) || captured.IsDeleted)
        {
            return Decision.NoChange("That message is not on the timeline, or already marked deleted.");
        }

        return RefuseIfClosed() ?? Decision.Accept(new CapturedMessageDeleted(messageId));
    }

    public Decision RecordParticipant(Actor participant) =>
        JoinedUserIds.Contains(participant.Id)
            ? Decision.NoChange($"{participant.Mention} already joined {Key}.")
            : RefuseIfClosed() ?? Decision.Accept(new ParticipantJoined(participant));
    /// <summary>
    /// <paramref name="subscriber"/> follows the stakeholder updates by direct message. A private incident is never
    /// broadcast, and a closed one will have no more updates, so both are refused rather than silently useless.
    /// </summary>
    public Decision Subscribe(Actor subscriber)
    {
        if (Status == IncidentStatus.Closed)
        {
            return Decision.Refuse($"{Key} is closed; there will be no more updates to send.");
        }

        if (IsPrivate)
        {
            return Decision.Refuse($"{Key} is private; its updates are not broadcast. Ask its commander to invite you to the channel.");
        }

        return Subscribers.ContainsKey(subscriber.Id)
            ? Decision.NoChange($"You already get {Key}'s updates by direct message.")
            : Decision.Accept(new Subscribed());
    }

    public Decision Unsubscribe(Actor subscriber) =>
        Subscribers.ContainsKey(subscriber.Id)
            ? Decision.Accept(new Unsubscribed())
            : Decision.NoChange($"You were not subscribed to {Key}'s updates.");

    /// <summary>Tags the change that caused the incident; allowed after close, since postmortems often find it.</summary>
    public Decision LinkChange(string change)
    {
        change = change.Trim();
        if (change.Length is 0 or > 500 || change.Any(char.IsWhiteSpace))
        {
            return Decision.Refuse("Name the change as one URL or id without spaces, at most 500 characters.");
        }

        return LinkedChanges.Contains(change)
            ? Decision.NoChange($"{Key} is already linked to {change}.")
            : Decision.Accept(new ChangeLinked(change));
    }

    private Decision? RefuseIfClosed() =>
        Status == IncidentStatus.Closed ? Decision.Refuse($"{Key} is closed; nothing more can be added to it.") : null;

    private Decision? RefuseUnlessOpen() =>
        RefuseIfClosed() ?? (Status == IncidentStatus.Resolved ? Decision.Refuse($"{Key} is resolved. Use `reopen` first.") : null);

    private static Decision? RefuseIfBadText(string text, string whenEmpty) =>
        string.IsNullOrWhiteSpace(text) ? Decision.Refuse(whenEmpty)
        : text.Length > IncidentSettings.MaxTextLength ? Decision.Refuse($"Keep it to {IncidentSettings.MaxTextLength} characters; this is {text.Length}.")
        : null;
}
