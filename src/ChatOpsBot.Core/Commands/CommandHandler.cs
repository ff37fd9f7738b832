using System.Diagnostics;
using ChatOpsBot.Core.Alerts;
using ChatOpsBot.Core.Changes;
using ChatOpsBot.Core.Commands.Handling;
using ChatOpsBot.Core.Dora;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Paging;
using ChatOpsBot.Core.Tracker;
using ChatOpsBot.Core.Postmortems;
using ChatOpsBot.Core.Reminders;
using ChatOpsBot.Core.Timeline;

namespace ChatOpsBot.Core.Commands;

/// <summary>
/// Turns command text typed on any platform into an <see cref="IncidentService"/> call and a reply.
/// Adapters authenticate and acknowledge; this is the one place that knows what each subcommand means. It parses,
/// records the command's metrics, finds the incident the command is about and hands the command to its concern's
/// handler (Core/Commands/Handling), each of which takes only the settings it uses.
/// <paramref name="alerts"/> is null when alert intake is not set up; then <c>declare-alert</c> says so.
/// </summary>
/// <param name="postmortems">Defaults to UTC and the default blameless review, as in tests that do not care.</param>
/// <param name="reminders">The status-update cadence, for when the next update is due; null when reminders are off.</param>
/// <param name="paging">The paging providers; null when none is configured, and then <c>page</c> says so.</param>
/// <param name="tracker">The issue tracker for action items; null when none is configured, and then <c>action export</c> says so.</param>
/// <param name="platforms">For how each platform types a command (<see cref="CommandSyntax"/>); without them replies say "/incident".</param>
/// <param name="links">Makes the links in replies absolute (Web:PublicUrl); without it they are paths.</param>
public sealed class CommandHandler(IncidentService incidents, PostmortemCompiler? postmortems = null, TimelineExporter? exporter = null,
    TimeProvider? clock = null, AlertIntake? alerts = null, ReminderSettings? reminders = null, TimelineSettings? timeline = null,
    WhatChanged? changes = null, DeliveryMetrics? delivery = null, Insights.InsightsService? insights = null, PagingSettings? paging = null,
    TrackerSettings? tracker = null, IEnumerable<Messages.IChatPlatform>? platforms = null, Messages.PageLinks? links = null)
{
    public const string OutcomeUnknownRetrySafe = UnknownOutcomes.RetrySafe;

    public const string OutcomeUnknownCheckFirst = UnknownOutcomes.CheckFirst;

    // Without its own clock the handler reads the incident service's, so replies and events agree on "now".
    private static TimeProvider ClockOf(TimeProvider? clock, IncidentService incidents) => clock ?? incidents.Clock;

    private static readonly PostmortemCompiler DefaultPostmortems = new(TimelineSettings.Utc, BlamelessReview.Default);

    private readonly UnknownOutcomes _outcomes = new(incidents, ClockOf(clock, incidents));
    private readonly DeclarationHandler _declarations = new(incidents, alerts);
    private readonly OverviewHandler _overview = new(incidents.Reader, ClockOf(clock, incidents), delivery, insights);
    private readonly LifecycleHandler _lifecycle = new(incidents);
    private readonly ResponderHandler _responders = new(incidents, ClockOf(clock, incidents), (timeline ?? TimelineSettings.Utc).TimeZone);
    private readonly ReportHandler _reports = new(incidents.Reader, postmortems ?? DefaultPostmortems, exporter ?? new TimelineExporter(TimelineSettings.Utc),
        ClockOf(clock, incidents), links ?? Messages.PageLinks.Relative, reminders);
    private readonly ReviewHandler _review = new(incidents.Reader, (postmortems ?? DefaultPostmortems).BlamelessReview);
    private readonly ChangeHandler _changes = new(incidents, changes);
    private readonly PagingHandler _paging = new(incidents, paging);
    private readonly TrackerHandler _tracker = new(incidents, tracker);
    private readonly StatusPageHandler _statusPage = new(incidents);

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

        var outcome = await _outcomes.ExecuteOrExplainAsync(text, actor, conversation, requestKey,
            key => ExecuteAsync(parsed.Command!, actor, conversation, key, cancellationToken),
            key => HandleAsync(text, actor, conversation, key, CancellationToken.None));
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
                return await _overview.ListOpenAsync(actor, cancellationToken);
            case StatsCommand stats:
                return await _overview.StatsAsync(stats, actor, cancellationToken);
            case InsightsCommand insightsCommand:
                return await _overview.InsightsAsync(insightsCommand, cancellationToken);
            case DeclareCommand declare:
                return await _declarations.DeclareAsync(declare, conversation, context, cancellationToken);
            case DeclareAlertCommand fromAlert:
                return await _declarations.DeclareFromAlertAsync(fromAlert, actor, conversation, cancellationToken);
        }

        var incident = parsed.IncidentNumber is { } n
            ? await incidents.Reader.GetAsync(n, cancellationToken)
            : await incidents.Reader.FindByChannelAsync(conversation, cancellationToken);
        if (incident is null)
        {
            return CommandOutcome.Error(
                $"This channel is not an incident channel. Name the incident: `/incident INC-7 {command.Name} ...`.", CommandUsage.For(command.Name));
        }

        if (!incident.Exists)
        {
            return CommandOutcome.Error($"There is no {Incident.FormatKey(parsed.IncidentNumber ?? 0)}. `/incident list` shows the open ones.", CommandUsage.For(command.Name));
        }

        if (!Replies.CanSee(actor, incident))
        {
            // A private incident is invisible to outsiders: answer as if it did not exist.
            return CommandOutcome.Error($"There is no {incident.Key}. `/incident list` shows the open ones.", CommandUsage.For(command.Name));
        }

        return command switch
        {
            ShowRolesCommand => _lifecycle.DescribeRoles(incident),
            AssignRoleCommand r => await _lifecycle.AssignRoleAsync(incident, r, context, cancellationToken),
            ChangeSeverityCommand s => await _lifecycle.ChangeSeverityAsync(incident, s, context, cancellationToken),
            ChangeStatusCommand s => await _lifecycle.ChangeStatusAsync(incident, s, context, cancellationToken),
            PostUpdateCommand u => await _lifecycle.PostUpdateAsync(incident, u, context, cancellationToken),
            AddNoteCommand note => await _lifecycle.AddNoteAsync(incident, note, context, cancellationToken),
            ResolveCommand r => await _lifecycle.ResolveAsync(incident, r, context, cancellationToken),
            CloseCommand => await _lifecycle.CloseAsync(incident, context, cancellationToken),
            ReopenCommand => await _lifecycle.ReopenAsync(incident, context, cancellationToken),
            SubscribeCommand s => await _lifecycle.SubscribeAsync(incident, s, context, cancellationToken),
            ClearRoleCommand clear => await _responders.ClearRoleAsync(incident, clear, context, cancellationToken),
            AddActionItemCommand a => await _responders.AddActionItemAsync(incident, a, context, cancellationToken),
            AddDatedActionItemCommand dated => await _responders.AddDatedActionItemAsync(incident, dated, context, cancellationToken),
            ListActionItemsCommand => _responders.ListActionItems(incident),
            ChangeActionItemCommand change => await _responders.ChangeActionItemAsync(incident, change, context, cancellationToken),
            ShowTimelineCommand => await _reports.TimelineAsync(incident, cancellationToken),
            PostmortemCommand => await _reports.PostmortemAsync(incident, cancellationToken),
            ExportCommand x => await _reports.ExportAsync(incident, x.Format, cancellationToken),
            BriefCommand => await _reports.BriefAsync(incident, cancellationToken),
            ReviewCommand => await _review.ReviewAsync(incident, cancellationToken),
            LinkChangeCommand c => await _changes.LinkAsync(incident, c, context, cancellationToken),
            ListChangesCommand => await _changes.ListAsync(incident, cancellationToken),
            TagServiceCommand t => await _changes.TagServiceAsync(incident, t, context, cancellationToken),
            PageCommand p => await _paging.PageAsync(incident, p, context, cancellationToken),
            ExportActionItemsCommand => await _tracker.ExportActionItemsAsync(incident, context, cancellationToken),
            PostPublicUpdateCommand u => await _statusPage.PostPublicUpdateAsync(incident, u, context, cancellationToken),
            _ => CommandOutcome.Error($"`{command.Name}` is not available here.", CommandUsage.Help()),
        };
    }
}
