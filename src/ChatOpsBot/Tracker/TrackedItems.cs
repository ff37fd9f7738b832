using System.Security.Cryptography;
using System.Text;
using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Tracker;

/// <summary>What the tracker webhooks share: finding the incident an issue belongs to, and the sha256= HMAC check.</summary>
public static class TrackedItems
{
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>The incident whose action item is filed as <paramref name="issueKey"/>, from the timelines (the only record of it).</summary>
    public static async Task<Incident?> FindAsync(IncidentService incidents, string tracker, string issueKey, CancellationToken cancellationToken) =>
        (await incidents.ListAsync(cancellationToken)).FirstOrDefault(i =>
            i.TrackedIssues.Values.Any(t => t.Tracker == tracker && t.Key.Equals(issueKey, StringComparison.OrdinalIgnoreCase)));

    /// <summary>"sha256=" + hex HMAC-SHA256 of the raw body, as GitHub (X-Hub-Signature-256) and Jira (X-Hub-Signature) send it.</summary>
    public static string Sign(ReadOnlySpan<byte> body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public static bool IsSigned(string? header, ReadOnlySpan<byte> body, string secret)
    {
        if (header is null || !header.StartsWith("sha256=", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        try
        {
            return CryptographicOperations.FixedTimeEquals(Convert.FromHexString(header.AsSpan(7).Trim()), HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
