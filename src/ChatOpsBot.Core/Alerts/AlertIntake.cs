using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Core.Alerts;

/// <summary>
/// What happens to an alert notification, whichever webhook it came through: the group's open incident records the
/// alerts' changes; a firing group with no incident is declared or offered for triage, as its rule says.
/// One incident per group across replicas: a claim-once key per group and generation (the last incident number it
/// had) decides who declares, never a check-then-insert.
/// </summary>
public sealed class AlertIntake(IncidentService incidents, IIncidentStore store, TimeProvider clock, AlertRouting routing, AlertIntakeSettings settings)
{
    // The claim only covers the moment between claiming and appending Declared; after that the link on the timeline
    // is what every replica finds. Long enough for a slow append, short enough that a crash mid-way blocks nothing for long.
    private static readonly TimeSpan DeclareClaimTtl = TimeSpan.FromMinutes(10);

    // Waiting for another replica's declaration to land, before answering "busy" (5xx: Alertmanager retries).
    private const int MaxAttempts = 10;
    private const int MaxPending = 1000;

    // Notifications of one group are handled one at a time in this process; other replicas are held off by the claims.
    // Striped, so the gates stay bounded however many groups there are; enough stripes that the groups of a storm
    // rarely share one (two that do wait for each other's declaration): of 50 groups, about 15 share a stripe of 64, about 1 of 1024.
    private readonly SemaphoreSlim[] _gates = [.. Enumerable.Range(0, 1024).Select(_ => new SemaphoreSlim(1, 1))];
    private readonly ConcurrentDictionary<string, AlertNotification> _pending = new(StringComparer.Ordinal);

    public async Task<AlertIntakeResult> ReceiveAsync(AlertNotification notification, CancellationToken cancellationToken)
    {
        if (notification.Alerts.Count == 0)
        {
            return new(AlertOutcome.Ignored, Reason: "The notification has no alerts.");
        }

        var rule = routing.Route(notification);
        var key = notification.CorrelationKey;
        var gate = Gate(key);
        await gate.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 1; attempt <= MaxAttempts; attempt++)
            {
                var latest = await incidents.Reader.FindByAlertGroupAsync(key, cancellationToken);
                if (latest is { Status: not IncidentStatus.Closed })
                {
                    return await RecordAsync(latest.Number, notification, rule, cancellationToken);
                }

                if (!notification.AnyFiring)
                {
                    return new(AlertOutcome.Ignored, Reason: "Nothing is firing and the group has no open incident.");
                }

                var generation = $"{Hash(key)}:{latest?.Number ?? 0}";
                if (rule.Action == AlertAction.Prompt)
                {
                    return await PromptAsync(notification, rule, generation, cancellationToken);
                }

                var claim = $"alertgroup:{generation}";
                if (await store.TryClaimAsync(claim, DeclareClaimTtl, cancellationToken))
                {
                    return await DeclareAsync(claim, notification, rule.Severity, SenderContext(notification), null, cancellationToken);
                }

                // Another replica is declaring this group right now; its Declared lands in a moment.
                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), cancellationToken);
            }

            return new(AlertOutcome.Busy, Reason: "Another replica is declaring this alert group; retry.");
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Declares the incident a triage prompt offered, with <paramref name="actor"/> as commander. Alerts this replica
    /// still holds for the group are attached at once; otherwise they arrive with the group's next notification.
    /// </summary>
    public async Task<CommandResult> DeclareFromPromptAsync(string groupKey, Severity severity, string title, Actor actor,
        ConversationRef origin, CancellationToken cancellationToken)
    {
        var gate = Gate(groupKey);
        await gate.WaitAsync(cancellationToken);
        try
        {
            var latest = await incidents.Reader.FindByAlertGroupAsync(groupKey, cancellationToken);
            if (latest is { Status: not IncidentStatus.Closed })
            {
                return CommandResult.Refused($"This alert group is already {latest.Key}: {latest.Title}.", latest);
            }

            var claim = $"alertgroup:{Hash(groupKey)}:{latest?.Number ?? 0}";
            if (!await store.TryClaimAsync(claim, DeclareClaimTtl, cancellationToken))
            {
                return CommandResult.Refused("Someone is declaring this alert group right now; `/incident list` shows it in a moment.");
            }

            var notification = _pending.GetValueOrDefault(groupKey)
                ?? new AlertNotification(SourceOf(groupKey), GroupKeyOf(groupKey), new Dictionary<string, string>(), new Dictionary<string, string>(), []);
            var result = await DeclareAsync(claim, notification, severity, new EventContext(actor, EventSource.Command), (title, origin), cancellationToken);
            return result.IncidentNumber is { } number
                ? new CommandResult(await incidents.Reader.GetAsync(number, cancellationToken), [], null, null)
                : CommandResult.Refused(result.Reason ?? "The incident could not be declared.");
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The claim-once key part for a group: a hash, so any group key makes a short, safe store key.</summary>
    public static string Hash(string groupKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(groupKey)))[..32];

    private async Task<AlertIntakeResult> DeclareAsync(string claim, AlertNotification notification, Severity severity, EventContext context,
        (string Title, ConversationRef Origin)? byPerson, CancellationToken cancellationToken)
    {
        try
        {
            var alerts = Incident.None.RecordAlerts(notification, autoResolve: false, clock.GetUtcNow()).Events;
            var title = byPerson?.Title ?? AlertText.Title(notification, incidents.Settings.MaxTitleLength);
            var request = new DeclareRequest(title, severity, Commander: byPerson is null ? null : context.Actor, Origin: byPerson?.Origin,
                Description: DescriptionOf(notification))
            {
                With = [Incident.LinkAlertGroup(notification), .. alerts],
                WithContext = SenderContext(notification),
            };
            var result = await incidents.DeclareAsync(request, context, cancellationToken);
            if (!result.Succeeded)
            {
                await store.ReleaseClaimAsync(claim, CancellationToken.None);
                return new(AlertOutcome.Ignored, Reason: result.Refusal);
            }

            _pending.TryRemove(notification.CorrelationKey, out _);
            return new(AlertOutcome.Declared, result.Incident.Number, result.Appended.Count);
        }
        catch
        {
            // Nothing was declared: let the sender's retry (or the next notification) claim it again at once.
            await store.ReleaseClaimAsync(claim, CancellationToken.None);
            throw;
        }
    }

    private async Task<AlertIntakeResult> RecordAsync(int number, AlertNotification notification, AlertRule rule, CancellationToken cancellationToken)
    {
        var result = await incidents.ExecuteAsync(number, i => i.RecordAlerts(notification, rule.AutoResolve, clock.GetUtcNow()),
            SenderContext(notification), cancellationToken);
        return result.Appended.Count > 0
            ? new(AlertOutcome.Updated, number, result.Appended.Count)
            : new(AlertOutcome.Unchanged, number, Reason: result.Refusal ?? result.NoChangeReason);
    }

    private async Task<AlertIntakeResult> PromptAsync(AlertNotification notification, AlertRule rule, string generation, CancellationToken cancellationToken)
    {
        if (_pending.Count >= MaxPending)
        {
            // A bound, not a policy: old offers lose their attached alerts, never the button itself.
            _pending.Clear();
        }

        _pending[notification.CorrelationKey] = notification;
        var claim = $"alertprompt:{generation}";
        if (!await store.TryClaimAsync(claim, settings.PromptCooldown, cancellationToken))
        {
            return new(AlertOutcome.AlreadyPrompted, Reason: "A triage prompt for this group was posted recently.");
        }

        var title = AlertText.Title(notification, incidents.Settings.MaxTitleLength);
        return new(AlertOutcome.Prompted, Prompt: new AlertPrompt(claim, AlertMessages.TriagePrompt(notification, rule, title)));
    }

    private static string? DescriptionOf(AlertNotification notification)
    {
        var description = AlertText.Clean(notification.CommonAnnotations.GetValueOrDefault("description"), 1000);
        return description.Length > 0 ? description : null;
    }

    private static EventContext SenderContext(AlertNotification notification) =>
        new(new Actor(notification.Source, SenderName(notification.Source)), EventSource.Alert);

    private static string SenderName(string source) => source switch
    {
        "alertmanager" => "Alertmanager",
        "grafana" => "Grafana",
        _ => "Webhook",
    };

    private static string SourceOf(string correlationKey) => correlationKey.Split('/', 2)[0];

    private static string GroupKeyOf(string correlationKey) => correlationKey.Split('/', 2) is [_, var key] ? key : correlationKey;

    private SemaphoreSlim Gate(string key) => _gates[(int)((uint)StringComparer.Ordinal.GetHashCode(key) % (uint)_gates.Length)];
}

/// <summary>Settings the intake needs from configuration.</summary>
public sealed record AlertIntakeSettings
{
    /// <summary>How long before a still-undeclared group is offered again (Alertmanager re-sends it every repeat_interval).</summary>
    public TimeSpan PromptCooldown { get; init; } = TimeSpan.FromHours(4);
}

public enum AlertOutcome
{
    Declared,
    Updated,
    Unchanged,
    Prompted,
    AlreadyPrompted,
    Ignored,
    Busy,
}

/// <summary>What intake did; <see cref="Prompt"/> is for the host to post in the triage channel.</summary>
public sealed record AlertIntakeResult(AlertOutcome Outcome, int? IncidentNumber = null, int EventsAdded = 0, AlertPrompt? Prompt = null, string? Reason = null);

/// <summary>A triage prompt to post. If posting fails, release <see cref="ClaimKey"/> so the retry posts it.</summary>
public sealed record AlertPrompt(string ClaimKey, Messages.ChatMessage Message);
