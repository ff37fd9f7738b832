namespace ChatOpsBot.Core.Commands;

public static partial class CommandParser
{
    public static readonly IReadOnlyList<int> InsightsWindows = [30, 90];

    private static ParseResult ParseService(string args, int? number) =>
        args.Length == 0 || args.Any(char.IsWhiteSpace)
            ? ParseResult.Fail("Name one service the incident affects, e.g. `service checkout`.", CommandUsage.For("service"))
            : ParseResult.Ok(new TagServiceCommand(args), number);

    private static ParseResult ParseInsights(string args, int? number)
    {
        var window = args.Length == 0 ? "30d" : args.ToLowerInvariant();
        var days = window.EndsWith('d') && int.TryParse(window[..^1], System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : 0;
        if (!InsightsWindows.Contains(days))
        {
            return ParseResult.Fail($"\"{args}\" is not a window; use 30d or 90d.", CommandUsage.For("insights"));
        }

        return number is null
            ? ParseResult.Ok(new InsightsCommand(days), null)
            : ParseResult.Fail("`insights` covers every incident; leave out the incident number.", CommandUsage.For("insights"));
    }
}
