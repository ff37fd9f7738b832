using System.Diagnostics;
using System.Globalization;
using System.Text;
using ChatOpsBot.Core.Alerts;
using ChatOpsBot.Core.Changes;
using ChatOpsBot.Core.Dora;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Paging;
using ChatOpsBot.Core.Postmortems;
using ChatOpsBot.Core.Reminders;
using ChatOpsBot.Core.Statistics;
using ChatOpsBot.Core.Timeline;
using ChatOpsBot.Core.Tracker;

namespace ChatOpsBot.Core.Commands;

/// <summary>
/// Turns command text typed on any platform into an <see cref="IncidentService"/> call and a reply.
/// Adapters authenticate and acknowledge; this is the one place that knows what each subcommand means.
/// <paramref name="alerts"/> is null when alert intake is not set up; then <c>declare-alert</c> says so.
/// </summary>
/// <param name="postmortems">Defaults to UTC and the default blameless review, as in tests that do not care.</param>
/// <param name="reminders">The status-update cadence, for when the next update is due; null when reminders are off.</param>
/// <param name="paging">The paging providers; null when none is configured, and then <c>page</c> says so.</param>
/// <param name="tracker">The issue tracker for action items; null when none is configured, and then <c>action export</c> says so.</param>
/// <param name="platforms">For how each platform types a command (<see cref="CommandSyntax"/>); without them replies say "/incident".</param>
/// <param name="links">Makes the links in replies absolute (Web:PublicUrl); without it they are paths.</param>
public sealed partial class CommandHandler(IncidentService incidents, PostmortemCompiler? postmortems = null, TimelineExporter? exporter = null,
    TimeProvider? clock = null, AlertIntake? alerts = null, ReminderSettings? reminders = null, TimelineSettings? timeline = null,
    WhatChanged? changes = null, DeliveryMetrics? delivery = null, Insights.InsightsService? insights = null, PagingSettings? paging = null,
    TrackerSettings? tracker = null, IEnumerable<Messages.IChatPlatform>? platforms = null, Messages.PageLinks? links = null)
{
    private const int TimelineReplyLimit = 30;

    public Task<CommandOutcome> HandleAsync(string text, Actor actor, ConversationRef conversation, CancellationToken cancellationToken) =>
        HandleAsync(text, actor, conversation, requestKey: null, cancellationToken);

    /// <param name="requestKey">The inbound request's own key (Slack trigger_id, Teams activity id, console requestId): the same key twice runs once.</param>
    public async Task<CommandOutcome> HandleAsync(string text, Actor actor, ConversationRef conversation, string? requestKey, CancellationToken cancellationToken) =>
        CommandSyntax.ForPrefix(await HandleCanonicalAsync(text, actor, conversation, requestKey, cancellationToken), CommandSyntax.PrefixOf(platforms, conversation.Platform));

    private async Task<CommandOutcome> HandleCanonicalAsync(string text, Actor actor, ConversationRef conversation, string? requestKey, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var parsed = CommandParser.Parse(text, incidents.Settings.SeverityAliases);
        if (!parsed.Succeeded)
        {
            CommandMetrics.Record(conversation.Platform, "invalid", failed: true, Stopwatch.GetElapsedTime(started));
            return CommandOutcome.Error(parsed.Error!, parsed.Usage!);
        }

        var outcome = await ExecuteOrExplainAsync(text, parsed.Command!, actor, conversation, requestKey, cancellationToken);
        CommandMetrics.Record(conversation.Platform, parsed.Command!.Command.Name, outcome.Failed, Stopwatch.GetElapsedTime(started));
        return outcome;
    }

    private async Task<CommandOutcome> ExecuteAsync(ParsedCommand parsed, Actor actor, ConversationRef conversation, string? requestKey, CancellationToken cancellationToken)
    {
        var command = parsed.Command;
        var context = new EventContext(actor, EventSource.Command, RequestKey: requestKey);
        switch (command)
        {
            case HelpCommand help:
                return CommandOutcome.Reply(help.Topic is null ? CommandUsage.Help() : CommandHelp.Describe(help.Topic));
            case ListCommand:
                return CommandOutcome.Reply(await ListOpenAsync(actor, cancellationToken));
            case StatsCommand stats:
                return CommandOutcome.Reply(await StatsReplyAsync(stats.Days, i => !i.IsPrivate || IsParticipant(i, actor), cancellationToken));
            case InsightsCommand insightsCommand:
                return CommandOutcome.Reply(await InsightsReplyAsync(insightsCommand.Days, cancellationToken));
            case DeclareCommand declare:
                return Reply(await incidents.DeclareAsync(
                    new DeclareRequest(declare.Title, declare.Severity, declare.IsPrivate, Origin: conversation), context, cancellationToken),
                    r => $"Declared {r.Incident.Key} ({r.Incident.Severity.Label()}): {r.Incident.Title}. You are the incident commander; the incident channel is opening.",
                    CommandUsage.For("declare"));
            case DeclareAlertCommand fromAlert when alerts is null:
                return CommandOutcome.Error("Alert intake is not configured on this bot.", CommandUsage.For(fromAlert.Name));
            case DeclareAlertCommand fromAlert:
                return Reply(await alerts.DeclareFromPromptAsync(fromAlert.GroupKey, fromAlert.Severity, fromAlert.Title, actor, conversation, cancellationToken),
                    r => $"Declared {r.Incident.Key} ({r.Incident.Severity.Label()}) from the alert: {r.Incident.Title}. You are the incident commander; the incident channel is opening.",
                    CommandUsage.For(fromAlert.Name));
        }

        var incident = parsed.IncidentNumber is { } n
            ? await incidents.GetAsync(n, cancellationToken)
            : await incidents.FindByChannelAsync(conversation, cancellationToken);
        if (incident is null)
        {
            return CommandOutcome.Error(
                $"This channel is not an incident channel. Name the incident: `/incident INC-7 {command.Name} ...`.", CommandUsage.For(command.Name));
        }

        if (!incident.Exists)
        {
            return CommandOutcome.Error($"There is no {Incident.FormatKey(parsed.IncidentNumber ?? 0)}. `/incident list` shows the open ones.", CommandUsage.For(command.Name));
        }

        if (incident.IsPrivate && !IsParticipant(incident, actor))
        {
            // A private incident is invisible to outsiders: answer as if it did not exist.
            return CommandOutcome.Error($"There is no {incident.Key}. `/incident list` shows the open ones.", CommandUsage.For(command.Name));
        }

        if (await ResponderAsync(command, incident, context, cancellationToken) is { } handled)
        {
            return handled;
        }

        var number = incident.Number;
        return command switch
        {
            ShowRolesCommand => CommandOutcome.Reply(DescribeRoles(incident), number),
            ShowTimelineCommand => CommandOutcome.Reply(await DescribeTimelineAsync(incident, cancellationToken), number),
            AssignRoleCommand r => Reply(await incidents.ExecuteAsync(number, i => i.AssignRole(r.Role, r.Assignee, incidents.Settings), context, cancellationToken),
                res => $"{r.Assignee.Mention} is now {r.Role} of {res.Incident.Key}.", CommandUsage.For(r.Role == Roles.Commander ? "commander" : r.Role == Roles.Scribe ? "scribe" : "role")),
            ChangeSeverityCommand s => Reply(await incidents.ExecuteAsync(number, i => i.ChangeSeverity(s.Severity), context, cancellationToken),
                res => $"{res.Incident.Key} is now {s.Severity.Label()}.", CommandUsage.For("severity")),
            ChangeStatusCommand s => Reply(await incidents.ExecuteAsync(number, i => i.ChangeStatus(s.Status), context, cancellationToken),
                res => $"{res.Incident.Key} is now {s.Status.Label()}.", CommandUsage.For("status")),
            PostUpdateCommand u => Reply(await incidents.ExecuteAsync(number, i => i.PostStatusUpdate(u.Text, u.NextUpdateIn), context, cancellationToken),
                res => $"Status update posted on {res.Incident.Key}.{(u.NextUpdateIn is { } next ? $" Next update due in {DurationText.Format(next)}." : "")}", CommandUsage.For("update")),
            AddNoteCommand note => Reply(await incidents.ExecuteAsync(number, i => i.AddNote(note.Text), context, cancellationToken),
                res => $"Noted on the {res.Incident.Key} timeline.", CommandUsage.For("note")),
            AddActionItemCommand a => Reply(await incidents.ExecuteAsync(number, i => i.AddActionItem(a.Text, a.Owner, a.DueIn), context, cancellationToken),
                res => $"Action item #{res.Incident.ActionItems.Count} added to {res.Incident.Key}.{(a.DueIn is { } due ? $" Due in {DurationText.Format(due)}." : "")}", CommandUsage.For("action")),
            ResolveCommand r => Reply(await incidents.ExecuteAsync(number, i => i.Resolve(r.Summary), context, cancellationToken),
                res => $"{res.Incident.Key} is resolved. Close it with `/incident close` once the follow-up is done.", CommandUsage.For("resolve")),
            CloseCommand => Reply(await incidents.ExecuteAsync(number, i => i.Close(), context, cancellationToken),
                res => $"{res.Incident.Key} is closed.", CommandUsage.For("close")),
            PostmortemCommand => await PostmortemReplyAsync(incident, cancellationToken),
            ExportCommand x => await ExportReplyAsync(incident, x.Format, cancellationToken),
            BriefCommand => CommandOutcome.Reply(await BriefReplyAsync(incident, cancellationToken), number),
            ReviewCommand => CommandOutcome.Reply(await ReviewReplyAsync(incident, cancellationToken), number),
            SubscribeCommand { Subscribe: true } => Reply(await incidents.ExecuteAsync(number, i => i.Subscribe(actor), context, cancellationToken),
                res => $"You will get {res.Incident.Key}'s status updates by direct message. `/incident unsubscribe {res.Incident.Key}` stops them.", CommandUsage.For("subscribe")),
            SubscribeCommand => Reply(await incidents.ExecuteAsync(number, i => i.Unsubscribe(actor), context, cancellationToken),
                res => $"You will no longer get {res.Incident.Key}'s updates.", CommandUsage.For("unsubscribe")),
            ReopenCommand => Reply(await incidents.ExecuteAsync(number, i => i.Reopen(), context, cancellationToken),
                res => $"{res.Incident.Key} is reopened and investigating.", CommandUsage.For("reopen")),
            LinkChangeCommand c => await LinkChangeAsync(incident, c.Change, context, cancellationToken),
            ListChangesCommand => await ChangesReplyAsync(incident, cancellationToken),
            TagServiceCommand t => await TagServiceAsync(incident, t.Service, context, cancellationToken),
            PageCommand p => await PageAsync(incident, p, context, cancellationToken),
            ExportActionItemsCommand => await ExportActionItemsAsync(incident, context, cancellationToken),
            PostPublicUpdateCommand u => await PostPublicUpdateAsync(incident, u, actor, context, cancellationToken),
            _ => CommandOutcome.Error($"`{command.Name}` is not available here.", CommandUsage.Help()),
        };
    }

    private static CommandOutcome Reply(CommandResult result, Func<CommandResult, string> success, string usage) =>
        result switch
        {
            { Refusal: { } refusal } => CommandOutcome.Error(refusal, usage),
            { NoChangeReason: { } same } => CommandOutcome.Reply(same, result.Incident.Number),
            _ => CommandOutcome.Reply(success(result), result.Incident.Number),
        };

    private async Task<string> ListOpenAsync(Actor actor, CancellationToken cancellationToken)
    {
        var open = (await incidents.ListAsync(cancellationToken))
            .Where(i => i.Status.IsOpen() && (!i.IsPrivate || IsParticipant(i, actor)))
            .OrderBy(i => i.Severity).ThenBy(i => i.Number)
            .ToList();
        if (open.Count == 0)
        {
            return "No open incidents. 🎉";
        }

        var sb = new StringBuilder($"{open.Count} open incident{(open.Count == 1 ? "" : "s")}:");
        foreach (var i in open)
        {
            sb.Append($"\n• {i.Key} · {i.Severity.Label()} · {i.Status.Label()} · {i.Title} · IC {i.Commander?.Mention ?? "none"}");
            if (i.Channel is not null)
            {
                sb.Append($" · #{i.Channel.Name ?? i.Channel.Id}");
            }
        }

        return sb.ToString();
    }

    private string DescribeRoles(Incident incident)
    {
        var sb = new StringBuilder($"Roles on {incident.Key}:");
        foreach (var role in incidents.Settings.Roles)
        {
            sb.Append($"\n• {role}: {incident.Roles.GetValueOrDefault(role)?.Mention ?? "unassigned"}");
        }

        return sb.ToString();
    }

    private async Task<string> DescribeTimelineAsync(Incident incident, CancellationToken cancellationToken)
    {
        var events = (await incidents.ReadTimelineAsync(incident.Number, cancellationToken)).Where(e => !TimelineText.IsBookkeeping(e)).ToList();
        var sb = new StringBuilder($"Timeline of {incident.Key} (UTC):");
        if (events.Count > TimelineReplyLimit)
        {
            sb.Append($"\n… {events.Count - TimelineReplyLimit} earlier entries; read the whole timeline at /incidents/{incident.Number}");
        }

        foreach (var e in events.TakeLast(TimelineReplyLimit))
        {
            // Invariant: under fi-FI ':' became '.', under th-TH the year became 2568.
            sb.Append(CultureInfo.InvariantCulture, $"\n{e.OccurredAt:yyyy-MM-dd HH:mm:ss} {TimelineText.Describe(e)}");
        }

        return sb.ToString();
    }

    private static bool IsParticipant(Incident incident, Actor actor) =>
        incident.Participants.Any(p => p.Id == actor.Id) || incident.Chat.InvitedUserIds.Contains(actor.Id) || incident.JoinedUserIds.Contains(actor.Id);
}
