using System.Text.RegularExpressions;
using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Core.Messages;

/// <summary>
/// Whether a channel found by name after a crash is the incident's own: the platforms adopt it only if its purpose,
/// topic or description names the incident (or they know otherwise that the bot made it).
/// </summary>
public static partial class ChannelOwnership
{
    /// <summary>
    /// "INC-7" as a whole key, in any case: "INC-7: Checkout down" and a description naming the channel
    /// "inc-7-checkout-down" name INC-7; "INC-71" does not.
    /// </summary>
    public static bool NamesIncident(string? text, int incidentNumber) =>
        text is { Length: > 0 } && IncidentKey().Matches(text).Any(m => string.Equals(m.Groups["key"].Value, Incident.FormatKey(incidentNumber), StringComparison.OrdinalIgnoreCase));

    [GeneratedRegex(@"(?<![\w-])(?<key>INC-\d+)(?!\w)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex IncidentKey();
}
