using System.Globalization;
using System.Text.RegularExpressions;
using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Tracker;

/// <summary>
/// "chatopsbot:INC-7/action-2": the stable mark every issue the bot files carries (GitHub: in the body; Jira: as a
/// label too), by which the tracker is searched before an item is filed.
/// </summary>
public static partial class TrackerMarker
{
    public static string For(Incident incident, int item) => string.Create(CultureInfo.InvariantCulture, $"{Prefix(incident)}{item}");

    /// <summary>What every marker of the incident starts with: one search finds all of its filed items.</summary>
    public static string Prefix(Incident incident) => $"chatopsbot:{incident.Key}/action-";

    /// <summary>The item numbers of this incident's markers in a text or label; "INC-1" does not match "INC-12".</summary>
    public static IEnumerable<int> ItemsIn(Incident incident, string? text)
    {
        foreach (Match match in Pattern().Matches(text ?? ""))
        {
            if (match.Groups["key"].Value == incident.Key && int.TryParse(match.Groups["item"].ValueSpan, CultureInfo.InvariantCulture, out var item))
            {
                yield return item;
            }
        }
    }

    [GeneratedRegex(@"chatopsbot:(?<key>[A-Z]+-[0-9]+)/action-(?<item>[0-9]{1,9})(?![0-9])")]
    private static partial Regex Pattern();
}
