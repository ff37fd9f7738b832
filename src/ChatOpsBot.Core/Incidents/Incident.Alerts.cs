using ChatOpsBot.Core.Alerts;

namespace ChatOpsBot.Core.Incidents;

/// <summary>An alert as the incident knows it: its first-seen details and whether it still fires.</summary>
public sealed record AlertState(string Fingerprint, string Summary, IReadOnlyDictionary<string, string> Labels,
    IReadOnlyList<AlertLink> Links, DateTimeOffset FiredAt, bool IsFiring);

public sealed partial record Incident
{
    /// <summary>
    /// Records what a notification says about the group's alerts: one <see cref="AlertFired"/> or <see cref="AlertResolved"/>
    /// per fingerprint and change of state, nothing for a repeat. Senders re-send the whole group on every change and
    /// every repeat interval, so this is where de-duplication happens, against the folded state.
    /// When the last firing alert resolves, the event says so; with <paramref name="autoResolve"/> the incident resolves too.
    /// </summary>
    public Decision RecordAlerts(AlertNotification notification, bool autoResolve, DateTimeOffset now)
    {
        if (RefuseIfClosed() is { } refused)
        {
            return refused;
        }

        var events = new List<IncidentEvent>();
        var firing = Alerts.ToDictionary(a => a.Key, a => a.Value.IsFiring, StringComparer.Ordinal);
        // A group can list an alert twice (HA pairs, retries merged by a proxy): the last word on a fingerprint counts.
        foreach (var alert in notification.Alerts.GroupBy(a => a.Fingerprint, StringComparer.Ordinal).Select(g => g.Last()))
        {
            var known = Alerts.GetValueOrDefault(alert.Fingerprint);
            var wasFiring = firing.GetValueOrDefault(alert.Fingerprint);
            if (alert.IsFiring)
            {
                // A new startsAt while still firing means it resolved and fired again and we missed the resolve.
                var refired = wasFiring && alert.StartsAt is { } startsAt && startsAt <= now && known is not null && startsAt != known.FiredAt;
                if (wasFiring && !refired)
                {
                    continue;
                }

                events.Add(new AlertFired(notification.CorrelationKey, alert.Fingerprint, AlertText.Summary(alert, notification),
                    AlertText.Labels(alert.Labels), AlertText.Links(alert, notification))
                {
                    OccurredAt = NotAfter(alert.StartsAt, now),
                });
                firing[alert.Fingerprint] = true;
            }
            else if (wasFiring)
            {
                firing[alert.Fingerprint] = false;
                events.Add(new AlertResolved(notification.CorrelationKey, alert.Fingerprint, AlertText.Summary(alert, notification), AllResolved: false)
                {
                    OccurredAt = NotAfter(alert.EndsAt, now),
                });
            }

            // A resolved alert never seen firing (the bot joined late) has nothing to resolve here.
        }

        if (events.Count == 0)
        {
            return Decision.NoChange($"Nothing new from the alert group on {Key}.");
        }

        if (events.OfType<AlertResolved>().LastOrDefault() is { } last && firing.Values.All(f => !f))
        {
            events[events.IndexOf(last)] = last with { AllResolved = true };
            if (autoResolve && Status.IsOpen())
            {
                events.Add(new Resolved("All alerts resolved."));
            }
        }

        return Decision.Accept([.. events]);
    }

    /// <summary>Links the group on declaration, so the group's later notifications find this incident.</summary>
    public static IncidentEvent LinkAlertGroup(AlertNotification notification) => new AlertGroupLinked(notification.CorrelationKey);

    // A sender's clock can run ahead of ours; an alert cannot have started in our future.
    private static DateTimeOffset NotAfter(DateTimeOffset? at, DateTimeOffset now) => at is { } t && t <= now ? t : now;
}
