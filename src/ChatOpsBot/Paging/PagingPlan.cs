using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Paging;

namespace ChatOpsBot.Paging;

/// <summary>The next thing paging owes an incident; <see cref="Key"/> names it for the claim that lets one replica do it.</summary>
public abstract record PagingStep(string Key);

public sealed record RequestAutomaticPageStep() : PagingStep("auto");

public sealed record TriggerPageStep(Page Page, string Provider) : PagingStep($"trigger:{Page.Number}:{Provider}");

public sealed record ResolvePageStep(Page Page, string Provider) : PagingStep($"resolve:{Page.Number}:{Provider}");

/// <summary>
/// Compares what the timeline asks of the pagers with what it says was done, like the chat reconciler's plan:
/// an open incident of a paging severity needs its automatic page; every page needs each provider to have taken
/// it while the incident is open; once resolved or closed, every page a provider took needs resolving there.
/// </summary>
public static class PagingPlan
{
    /// <summary>Every step still owed, in order; the worker does the first it has not seen fail in this pass.</summary>
    public static IEnumerable<PagingStep> Needed(Incident incident, PagingSettings settings)
    {
        if (!incident.Exists)
        {
            yield break;
        }

        var open = incident.Status.IsOpen();
        if (open && settings.PagesAtDeclare(incident) && !incident.Pages.Any(p => p.Automatic))
        {
            yield return new RequestAutomaticPageStep();
            yield break; // the pages come from the state after it
        }

        foreach (var page in incident.Pages)
        {
            foreach (var provider in settings.Providers)
            {
                var delivery = page.DeliveryBy(provider);
                if (open && delivery.ProviderId is null)
                {
                    yield return new TriggerPageStep(page, provider);
                }
                else if (!open && delivery.ProviderId is not null && !delivery.IsResolved)
                {
                    yield return new ResolvePageStep(page, provider);
                }
            }
        }
    }
}
