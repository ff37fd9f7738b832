using System.Collections.Immutable;

namespace ChatOpsBot.Core.Incidents;

public sealed partial record Incident
{
    /// <summary>The alert labels that name a service, in the order they are trusted.</summary>
    public static readonly IReadOnlyList<string> ServiceLabels = ["service", "job", "app"];

    /// <summary>Services named with <c>/incident service</c>, in the order they were named.</summary>
    public ImmutableList<string> TaggedServices { get; private init; } = [];

    /// <summary>The services this incident affects: those named by responders, then those its alerts' labels name.</summary>
    public IReadOnlyList<string> AffectedServices =>
        TaggedServices
            .Concat(Alerts.Values.OrderBy(a => a.FiredAt).SelectMany(a => ServiceLabels.Select(l => a.Labels.GetValueOrDefault(l))).OfType<string>())
            .Where(s => s.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();

    /// <summary>Names a service the incident affects; allowed after close, as a postmortem often finds it.</summary>
    public Decision TagService(string service)
    {
        service = service.Trim();
        if (service.Length is 0 or > Changes.ChangeIntake.MaxNameLength || service.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return Decision.Refuse($"Name the service as one word without spaces, at most {Changes.ChangeIntake.MaxNameLength} characters.");
        }

        return TaggedServices.Contains(service, StringComparer.OrdinalIgnoreCase)
            ? Decision.NoChange($"{Key} already affects {service}.")
            : Decision.Accept(new ServiceTagged(service));
    }

    private Incident WithService(ServiceTagged s) => this with { TaggedServices = TaggedServices.Add(s.Service) };
}
