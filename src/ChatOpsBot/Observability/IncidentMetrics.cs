using System.Diagnostics;
using System.Diagnostics.Metrics;
using ChatOpsBot.Core.Commands;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Reminders;

namespace ChatOpsBot.Observability;

/// <summary>
/// The incident metrics on /metrics, derived from the events as they are appended (each event is appended by
/// exactly one replica, so counters sum correctly across pods). The open-incident gauge reports what this replica
/// knows, which the reconciler's sweep keeps current: aggregate it across pods with max, not sum.
/// </summary>
public sealed class IncidentMetrics : IDisposable
{
    private readonly IncidentReader _incidents;
    private readonly Meter _meter;
    private readonly Counter<long> _declared;
    private readonly Histogram<double> _timeToAcknowledge;
    private readonly Histogram<double> _timeToMitigate;
    private readonly Histogram<double> _timeToResolve;
    private readonly Counter<long> _chatCalls;

    private readonly ReminderSettings _reminders;
    private readonly TimeProvider _clock;
    private readonly Counter<long> _remindersSent;

    public IncidentMetrics(IncidentReader incidents, ReminderSettings reminders, TimeProvider clock, IMeterFactory meters)
    {
        // The factory owns the meter (one per name, shared with DoraGauges) and disposes it with the host.
        _meter = meters.Create(CommandMetrics.MeterName);
        _incidents = incidents;
        _reminders = reminders;
        _clock = clock;
        _declared = _meter.CreateCounter<long>("chatopsbot.incidents.declared", "{incident}", "Incidents declared, by severity and source.");
        _timeToAcknowledge = _meter.CreateHistogram<double>("chatopsbot.incident.time_to_acknowledge", "s", "From detection to the first commander, by severity.");
        _timeToMitigate = _meter.CreateHistogram<double>("chatopsbot.incident.time_to_mitigate", "s", "From detection to monitoring, by severity.");
        _timeToResolve = _meter.CreateHistogram<double>("chatopsbot.incident.time_to_resolve", "s", "From detection to resolved, by severity.");
        _chatCalls = _meter.CreateCounter<long>("chatopsbot.chat.calls", "{call}", "Chat platform calls, by platform, method and result.");
        _remindersSent = _meter.CreateCounter<long>("chatopsbot.reminders.sent", "{reminder}", "Reminders posted, by kind.");
        _meter.CreateObservableGauge("chatopsbot.incidents.open", OpenBySeverity, "{incident}", "Open incidents, by severity.");
        _meter.CreateObservableGauge("chatopsbot.status_updates.overdue", OverdueBySeverity, "{incident}",
            "Open incidents whose stakeholder update is past due, by severity.");
        incidents.Changed += OnChanged;
    }

    public void RecordChatCall(string platform, string method, string result) =>
        _chatCalls.Add(1, new TagList { { "platform", platform }, { "method", method }, { "result", result } });

    public void Dispose()
    {
        _incidents.Changed -= OnChanged;
    }

    private void OnChanged(Incident incident, IReadOnlyList<IncidentEvent> appended)
    {
        var severity = new KeyValuePair<string, object?>("severity", incident.Severity.Label());
        foreach (var e in appended)
        {
            var sinceDetection = (e.OccurredAt - (incident.DetectedAt is { } alerted && alerted < incident.DeclaredAt ? alerted : incident.DeclaredAt)).TotalSeconds;
            switch (e)
            {
                case Declared d:
                    _declared.Add(1, new KeyValuePair<string, object?>("severity", d.Severity.Label()), new KeyValuePair<string, object?>("source", d.Source.ToString().ToLowerInvariant()));
                    break;
                // Acknowledged: the first person to hold commander (an alert-declared incident starts with the bot).
                case RoleAssigned { Role: Roles.Commander } r when r.Assignee.Id != Actor.Bot.Id && (r.Previous is null || r.Previous.Id == Actor.Bot.Id):
                    _timeToAcknowledge.Record(sinceDetection, severity);
                    break;
                case StatusChanged { To: IncidentStatus.Monitoring }:
                    _timeToMitigate.Record(sinceDetection, severity);
                    break;
                case Resolved:
                    _timeToResolve.Record(sinceDetection, severity);
                    break;
                case ReminderSent r:
                    _remindersSent.Add(1, new KeyValuePair<string, object?>("kind", r.Kind.ToString()));
                    break;
            }
        }
    }

    private IEnumerable<Measurement<long>> OverdueBySeverity()
    {
        var now = _clock.GetUtcNow();
        return Enum.GetValues<Severity>().Select(s => new Measurement<long>(
            _incidents.Known.Count(i => i.Severity == s && ReminderPolicy.StatusUpdateDueAt(i, _reminders) < now),
            new KeyValuePair<string, object?>("severity", s.Label())));
    }

    private IEnumerable<Measurement<long>> OpenBySeverity() =>
        Enum.GetValues<Severity>().Select(s => new Measurement<long>(
            _incidents.Known.Count(i => i.Severity == s && i.Status.IsOpen()),
            new KeyValuePair<string, object?>("severity", s.Label())));
}
