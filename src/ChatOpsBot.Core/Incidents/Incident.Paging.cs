using System.Collections.Immutable;

namespace ChatOpsBot.Core.Incidents;

/// <summary>A page of the on-call and how each provider took it.</summary>
public sealed record Page(int Number, string Target, string? Message, bool Automatic, DateTimeOffset RequestedAt,
    ImmutableDictionary<string, PageDelivery> Deliveries)
{
    public PageDelivery DeliveryBy(string provider) => Deliveries.GetValueOrDefault(provider) ?? PageDelivery.None;
}

/// <summary>One provider's side of a page: its id once taken, the last error while not, and whether it was resolved there.</summary>
public sealed record PageDelivery(string? ProviderId, string? LastError, bool IsResolved)
{
    public static readonly PageDelivery None = new(null, null, false);
}

public sealed partial record Incident
{
    public static readonly int MaxPageTargetLength = 64;

    public ImmutableList<Page> Pages { get; private init; } = [];

    /// <summary>Provider ids someone acknowledged a page of.</summary>
    public ImmutableHashSet<string> AcknowledgedPages { get; private init; } = ImmutableHashSet.Create<string>(StringComparer.Ordinal);

    public Decision RequestPage(string target, string? message)
    {
        target = target.Trim();
        if (!Status.IsOpen())
        {
            return Decision.Refuse($"{Key} is {Status.Label()}; reopen it to page anyone.");
        }

        if (target.Length == 0 || target.Length > MaxPageTargetLength)
        {
            return Decision.Refuse($"Name the service or team to page, up to {MaxPageTargetLength} characters.");
        }

        if (Pages.FirstOrDefault(p => p.Target.Equals(target, StringComparison.OrdinalIgnoreCase)) is { } earlier)
        {
            return Decision.NoChange($"{target} was already paged for {Key} (page #{earlier.Number}); the provider escalates from there.");
        }

        return Decision.Accept(new PageRequested(Pages.Count + 1, target, string.IsNullOrWhiteSpace(message) ? null : message.Trim()));
    }

    /// <summary>The page at declare for the configured severities: once per incident, whoever asks first.</summary>
    public Decision RequestAutomaticPage(string target) =>
        Pages.Any(p => p.Automatic) || !Status.IsOpen()
            ? Decision.NoChange($"{Key} needs no automatic page.")
            : Decision.Accept(new PageRequested(Pages.Count + 1, target, null, Automatic: true));

    public Decision RecordPaged(int page, string provider, string providerId) =>
        FindPage(page) is not { } p ? Decision.Refuse($"{Key} has no page #{page}.")
        : p.DeliveryBy(provider).ProviderId is not null ? Decision.NoChange($"Page #{page} is already with {provider}.")
        : Decision.Accept(new Paged(page, provider, providerId));

    public Decision RecordPageFailed(int page, string provider, string error) =>
        FindPage(page) is not { } p ? Decision.Refuse($"{Key} has no page #{page}.")
        : p.DeliveryBy(provider).LastError == error ? Decision.NoChange("The same error was already reported.")
        : Decision.Accept(new PageFailed(page, provider, error));

    public Decision RecordPageResolved(int page, string provider) =>
        FindPage(page) is not { } p ? Decision.Refuse($"{Key} has no page #{page}.")
        : p.DeliveryBy(provider).IsResolved ? Decision.NoChange($"Page #{page} is already resolved at {provider}.")
        : Decision.Accept(new PageResolved(page, provider));

    public Decision RecordPageAcknowledged(string provider, string providerId) =>
        AcknowledgedPages.Contains(providerId)
            ? Decision.NoChange($"{providerId} was already acknowledged.")
            : Decision.Accept(new PageAcknowledged(provider, providerId));

    private Page? FindPage(int number) => Pages.FirstOrDefault(p => p.Number == number);

    private Incident WithPaging(IncidentEvent e) => e switch
    {
        PageRequested r => this with { Pages = Pages.Add(new Page(r.PageNumber, r.Target, r.Message, r.Automatic, r.OccurredAt, ImmutableDictionary<string, PageDelivery>.Empty)) },
        Paged p => WithDelivery(p.PageNumber, p.Provider, d => d with { ProviderId = p.ProviderId, LastError = null }),
        PageFailed f => WithDelivery(f.PageNumber, f.Provider, d => d with { LastError = f.Error }),
        PageResolved r => WithDelivery(r.PageNumber, r.Provider, d => d with { IsResolved = true }),
        PageAcknowledged a => this with { AcknowledgedPages = AcknowledgedPages.Add(a.ProviderId) },
        _ => this,
    };

    private Incident WithDelivery(int page, string provider, Func<PageDelivery, PageDelivery> change)
    {
        var index = Pages.FindIndex(p => p.Number == page);
        if (index < 0)
        {
            return this;
        }

        var p = Pages[index];
        return this with { Pages = Pages.SetItem(index, p with { Deliveries = p.Deliveries.SetItem(provider, change(p.DeliveryBy(provider))) }) };
    }
}
