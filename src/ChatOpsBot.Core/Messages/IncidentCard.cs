using System.Security.Cryptography;
using System.Text;
using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Core.Messages;

/// <summary>
/// What the live incident card (the kick-off message) shows, as a short fingerprint. The reconciler records the
/// fingerprint with each post or update of the card, and updates the card in place whenever the state's
/// fingerprint differs from the one last shown: a change of severity, status, roles, next update due, alerts
/// or the close. Comparing rendered content rather than listing events keeps "what triggers an update" and
/// "what the card shows" from drifting apart.
/// </summary>
public static class IncidentCard
{
    public static ChatMessage For(Incident incident, DateTimeOffset? nextUpdateDue, PageLinks? links = null) => IncidentMessages.Kickoff(incident, nextUpdateDue, links);

    public static string Fingerprint(ChatMessage card)
    {
        var sb = new StringBuilder().Append(card.Text).Append('\n').Append(card.Title).Append('\n').Append(card.Context);
        foreach (var f in card.Fields)
        {
            sb.Append('\n').Append(f.Label).Append('=').Append(f.Value);
        }

        foreach (var l in card.Links)
        {
            sb.Append("\nlink ").Append(l.Url);
        }

        foreach (var a in card.Actions)
        {
            sb.Append("\naction ").Append(a.Id);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())))[..16];
    }
}
