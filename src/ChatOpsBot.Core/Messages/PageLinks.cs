using System.Globalization;

namespace ChatOpsBot.Core.Messages;

/// <summary>
/// The bot's own pages as the links its chat messages carry. The host makes them absolute with its public address
/// (Web:PublicUrl); <see cref="Relative"/> leaves them as paths, which only the web console can open (Slack and Teams
/// drop link buttons that are not absolute http(s), so the text still names the path).
/// </summary>
public sealed class PageLinks(Func<string, string> absolute)
{
    public static readonly PageLinks Relative = new(path => path);

    /// <summary>The incident page: state, roles, action items and the timeline.</summary>
    public string Incident(int number) => absolute(string.Create(CultureInfo.InvariantCulture, $"/incidents/{number}"));

    /// <summary>The postmortem draft rendered as a page.</summary>
    public string Postmortem(int number) => absolute(string.Create(CultureInfo.InvariantCulture, $"/incidents/{number}/postmortem"));

    /// <summary>The postmortem draft as raw Markdown.</summary>
    public string PostmortemMarkdown(int number) => absolute(string.Create(CultureInfo.InvariantCulture, $"/api/incidents/{number}/postmortem"));

    /// <summary>The timeline export; <paramref name="format"/> is md, csv or json.</summary>
    public string Timeline(int number, string format) => absolute(string.Create(CultureInfo.InvariantCulture, $"/api/incidents/{number}/timeline?format={format}"));
}
