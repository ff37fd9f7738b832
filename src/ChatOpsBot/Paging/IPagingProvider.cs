using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Paging;

/// <summary>What a provider needs to page for one page of an incident.</summary>
public sealed record PageOrder(Incident Incident, Page Page, string DedupKey, Uri? Link)
{
    public string Summary => $"{Incident.Key} {Incident.Severity.Label()}: {Incident.Title}" + (Page.Message is null ? "" : $" — {Page.Message}");
}

/// <summary>A pager the bot pages through: PagerDuty, Opsgenie. Each call throws <see cref="PagingException"/> with a reason people can read.</summary>
public interface IPagingProvider
{
    string Name { get; }

    /// <summary>Sends the page; returns the provider's id for it.</summary>
    Task<string> TriggerAsync(PageOrder order, CancellationToken cancellationToken);

    Task ResolveAsync(PageOrder order, CancellationToken cancellationToken);
}

/// <summary>The provider refused the call or could not be reached; <see cref="Exception.Message"/> says why, without any secret.</summary>
public sealed class PagingException(string message, Exception? inner = null) : Exception(message, inner);
